package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.http.internal.BoundProperties;
import dev.ballast.http.internal.ClientCore;
import dev.ballast.http.internal.PropertiesBinder;
import dev.ballast.http.internal.ServiceDefinition;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 client that sends each {@link ServiceRequest} to one instance of a logical service,
 * chosen by lb-core: zone-aware, health-checked, load-aware, retried on a different instance when
 * that is safe, optionally hedged.
 *
 * <pre>{@code
 * try (BallastHttpClient client = BallastHttpClient.fromProperties(props)) {
 *   ServiceResponse r = client.send(ServiceRequest.get("orders", "/orders/42").build());
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Thread-safe; one client per process is the intended use. I/O runs on a small
 * group of daemon event-loop threads ({@code ballast-http-<n>}, epoll when available, NIO
 * otherwise). {@link #sendAsync} futures complete on those threads: do not block in their dependent
 * stages (use the {@code *Async} variants with your own executor for slow work). {@link #send}
 * blocks the calling thread and must not be called on an event-loop thread.
 *
 * <p><b>Failures.</b> Any HTTP response is returned, 5xx included, after the retries the request
 * allows. {@link BallastHttpException} is thrown only when no attempt produced a response; its
 * message names the service, every endpoint tried and why it failed.
 *
 * <p><b>Isolation.</b> A service may have a bulkhead ({@code bulkhead.max-concurrent-calls}) and a
 * circuit breaker ({@code circuit-breaker.failure-rate-threshold}), both Resilience4j's: a call
 * they refuse fails at once with a {@link BallastHttpException} saying {@code rejected:} and which
 * limit, and nothing is sent. See {@link HttpServiceConfig#bulkheadMaxConcurrentCalls()} and {@link
 * HttpServiceConfig#circuitBreakerFailureRateThreshold()}.
 *
 * <p><b>Host names and TLS.</b> An endpoint given by host name is resolved at each connect by
 * Netty's asynchronous DNS resolver, answers cached for their TTL; no lookup blocks an event loop.
 * The TLS context of a service is built when its first {@code https} endpoint is known (at start-up
 * for configured ones), never on a call's path.
 *
 * <p><b>Metrics.</b> With a {@code MeterRegistry}: {@code ballast.http.client.requests} (timer;
 * tags {@code service}, {@code method}, {@code status}, {@code outcome}, {@code zone} =
 * local|remote|none), {@code ballast.http.retries} and {@code ballast.http.hedges} (counters; tag
 * {@code service}), and lb-core's {@code ballast.lb.*} meters per service; for a service with a
 * bulkhead or circuit breaker, Resilience4j's {@code resilience4j.bulkhead.*} and {@code
 * resilience4j.circuitbreaker.*} (tag {@code service}). All are removed by {@link #close()}.
 * Without a registry, Micrometer is never loaded.
 *
 * <p><b>Shutdown.</b> {@link #close(Duration)} stops accepting calls at once, lets the calls in
 * flight finish for up to the drain timeout, fails those still running with a {@link
 * BallastHttpException} saying the client closed before the response arrived, then releases every
 * connection and thread. Every future completes. {@link #close()} does the same with the configured
 * drain timeout ({@link Builder#shutdownDrainTimeout}, property {@code
 * ballast.http.shutdown-drain-timeout}), zero by default: a plain {@code close()} fails calls in
 * flight at once, as it always did, and never blocks on a slow server.
 */
public final class BallastHttpClient implements AutoCloseable {
  private final ClientCore core;

  private BallastHttpClient(ClientCore core) {
    this.core = core;
  }

  /**
   * {@return a client configured from {@code ballast.zone} and {@code ballast.http.*} properties
   * (see the module's QUICKSTART and DESIGN §5)} Keys under {@code ballast.jdbc.} are left to
   * jdbc-router.
   *
   * @param props the properties ({@code ballast.*} keys; others are ignored)
   * @throws ConfigException listing every problem ({@code <key>: <value> (expected: <what>)}),
   *     before any thread or connection is started
   */
  public static BallastHttpClient fromProperties(Properties props) {
    return builder(requireNonNull(props, "props"), System::getenv).build();
  }

  /**
   * As {@link #fromProperties(Properties)}, recording meters in {@code registry}.
   *
   * @param props the properties ({@code ballast.*} keys; others are ignored)
   * @param registry the registry that receives the meters
   * @return the started client
   * @throws ConfigException listing every problem, before anything is started
   */
  public static BallastHttpClient fromProperties(Properties props, MeterRegistry registry) {
    requireNonNull(registry, "registry");
    return builder(requireNonNull(props, "props"), System::getenv).meterRegistry(registry).build();
  }

  /**
   * A builder configured from {@code props}, {@code env} looking up environment variables; tests
   * add a ticker or registry before building.
   *
   * @throws ConfigException listing every problem
   */
  static Builder builder(Properties props, Function<String, @Nullable String> env) {
    return builder(props, env, List.of());
  }

  /**
   * A builder configured from {@code props} as {@link #fromProperties(Properties)} does, where
   * {@code discovery=<name>} may also name one of {@code providers}: discovery sources that need
   * objects of the application and so cannot be found by {@link java.util.ServiceLoader} (the
   * Spring Boot starter's {@code spring-cloud}). A given provider wins over a class-path one of the
   * same name. Add a meter registry or ticker, then {@link Builder#build()}.
   *
   * @param props the properties ({@code ballast.*} keys; others are ignored)
   * @param providers discovery sources offered beside those found on the class path
   * @return the configured builder, not built yet
   * @throws ConfigException listing every problem, before anything is started
   */
  public static Builder builder(
      Properties props, Collection<? extends EndpointSourceProvider> providers) {
    return builder(
        requireNonNull(props, "props"), System::getenv, requireNonNull(providers, "providers"));
  }

  private static Builder builder(
      Properties props,
      Function<String, @Nullable String> env,
      Collection<? extends EndpointSourceProvider> providers) {
    BoundProperties bound = PropertiesBinder.bind(props, env, reader -> {}, providers);
    Builder b = builder().zone(bound.zone());
    Integer threads = bound.eventLoopThreads();
    if (threads != null) {
      b.eventLoopThreads(threads);
    }
    Duration drain = bound.shutdownDrainTimeout();
    if (drain != null) {
      b.shutdownDrainTimeout(drain);
    }
    for (ServiceDefinition s : bound.services()) {
      b.service(s.name(), s.source(), s.config());
    }
    return b;
  }

  /** {@return a builder for programmatic configuration} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code request} and waits for the response.
   *
   * @param request the request
   * @return the response (any status)
   * @throws BallastHttpException if no attempt produced a response, or the client is closed (or
   *     closing: {@code "... rejected: client closed ..."})
   * @throws IllegalArgumentException if the service is not configured
   * @throws IllegalStateException if this is an event-loop thread
   */
  public ServiceResponse send(ServiceRequest request) {
    return core.send(requireNonNull(request, "request"));
  }

  /**
   * Sends {@code request} without blocking. The future completes on an event-loop thread with the
   * response (any status), or exceptionally with a {@link BallastHttpException}. Cancelling it
   * abandons the call: its connections in use are closed. Once {@link #close} has begun, the
   * returned future is already failed with a {@link BallastHttpException} whose message says {@code
   * rejected: client closed}.
   *
   * @param request the request
   * @return a future completed with the response (any status), or exceptionally with a {@link
   *     BallastHttpException}
   * @throws IllegalArgumentException if the service is not configured
   */
  public CompletableFuture<ServiceResponse> sendAsync(ServiceRequest request) {
    return core.sendAsync(requireNonNull(request, "request"));
  }

  /** {@return the configured service names} */
  public Set<String> services() {
    return core.services();
  }

  /**
   * {@return the load balancer of {@code service}, for diagnostics ({@link
   * LoadBalancer#endpoints()}, {@link LoadBalancer#describe}) and listeners}
   *
   * @param service the service name
   * @throws IllegalArgumentException if the service is not configured
   */
  public LoadBalancer loadBalancer(String service) {
    return core.loadBalancer(requireNonNull(service, "service"));
  }

  /** Connections this client holds open as far as it has seen (closes it has processed). */
  int openConnections() {
    return core.openConnections();
  }

  /**
   * {@link #close(Duration)} with the configured drain timeout ({@link
   * Builder#shutdownDrainTimeout}; zero, the default, fails calls in flight at once). Idempotent.
   */
  @Override
  public void close() {
    core.close();
  }

  /**
   * Closes gracefully. At once, new calls are rejected ({@code send} throws and {@code sendAsync}
   * returns a failed future, a {@link BallastHttpException} saying {@code rejected: client
   * closed}). Calls in flight, retries and hedges included, may then finish for up to {@code
   * drainTimeout}; those still running after it fail with a {@link BallastHttpException} saying
   * {@code client closed before the response arrived} and which attempts were still waiting. No
   * call is left without an answer. Finally every connection is closed, the meters are removed and
   * the event-loop threads stop (waiting a few seconds at most for them).
   *
   * <p>Blocks the caller for at most about {@code drainTimeout} plus those few seconds; returns
   * early once the last call in flight has ended. On an event-loop thread (in a future's callback)
   * it cannot wait, so calls in flight fail at once and the threads stop just after it returns.
   * Idempotent: a later call, with any timeout, waits for the first to finish.
   *
   * @param drainTimeout how long calls in flight may still take; zero fails them at once
   * @throws IllegalArgumentException if {@code drainTimeout} is negative
   */
  public void close(Duration drainTimeout) {
    requireNonNull(drainTimeout, "drainTimeout");
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "drainTimeout: " + drainTimeout + " (expected: zero or a positive duration)");
    }
    core.close(drainTimeout);
  }

  @Override
  public String toString() {
    return "BallastHttpClient" + services();
  }

  /** Configures a {@link BallastHttpClient}; not thread-safe. */
  public static final class Builder {
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private String zone = "";
    private int eventLoopThreads = defaultThreads();
    private @Nullable Object meterRegistry; // Object: keeps Micrometer unloaded without a registry
    private Ticker ticker = Ticker.system();
    private RandomSource random = RandomSource.threadLocal();
    private Duration shutdownDrainTimeout = Duration.ZERO;

    private Builder() {}

    private static int defaultThreads() {
      return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Adds (or replaces) {@code name} with a fixed endpoint list and default settings.
     *
     * @param name the service name that requests address
     * @param endpoints the service's endpoints
     * @return this builder
     */
    public Builder service(String name, List<Endpoint> endpoints) {
      return service(name, EndpointSource.of(endpoints), HttpServiceConfig.defaults());
    }

    /**
     * Adds (or replaces) {@code name} with a fixed endpoint list.
     *
     * @param name the service name that requests address
     * @param endpoints the service's endpoints
     * @param config the service's settings
     * @return this builder
     */
    public Builder service(String name, List<Endpoint> endpoints, HttpServiceConfig config) {
      return service(name, EndpointSource.of(requireNonNull(endpoints, "endpoints")), config);
    }

    /**
     * Adds (or replaces) {@code name}, discovering its endpoints from {@code source}. An endpoint
     * whose metadata has {@code scheme=https} is called over TLS.
     *
     * @param name the service name that requests address
     * @param source where the endpoints come from
     * @param config the service's settings
     * @return this builder
     */
    public Builder service(String name, EndpointSource source, HttpServiceConfig config) {
      requireNonNull(name, "name");
      if (name.isBlank() || name.contains(".")) {
        throw new IllegalArgumentException(
            "service: '" + name + "' (expected: a non-blank name without dots)");
      }
      services.put(
          name,
          new ServiceDefinition(
              name, requireNonNull(source, "source"), requireNonNull(config, "config")));
      return this;
    }

    /**
     * This process's zone, used by every service whose {@link HttpServiceConfig#lb()} has no local
     * zone of its own; empty (default) = unknown.
     *
     * @param value this process's zone, used by every service whose {@link HttpServiceConfig#lb()}
     *     has no local zone of its own; empty (default) = unknown
     * @return this builder
     */
    public Builder zone(String value) {
      zone = requireNonNull(value, "zone").trim();
      return this;
    }

    /**
     * Event-loop threads (default: available processors, at most 4).
     *
     * @param value the event-loop threads (default: available processors, at most 4)
     * @return this builder
     */
    public Builder eventLoopThreads(int value) {
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException(
            "eventLoopThreads: " + value + " (expected: an integer 1..256)");
      }
      eventLoopThreads = value;
      return this;
    }

    /**
     * Records meters in {@code registry} (default: none, and Micrometer stays unloaded).
     *
     * @param registry the registry that receives the meters
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      meterRegistry = requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Injects the clock used for balancing, budgets and latency (default: system).
     *
     * @param value the clock used for balancing, budgets and latency (default: system)
     * @return this builder
     */
    public Builder ticker(Ticker value) {
      ticker = requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Injects randomness for balancing and backoff jitter (default: thread-local).
     *
     * @param value randomness for balancing and backoff jitter (default: thread-local)
     * @return this builder
     */
    public Builder random(RandomSource value) {
      random = requireNonNull(value, "random");
      return this;
    }

    /**
     * How long {@link BallastHttpClient#close()} lets calls in flight finish before failing them
     * (property {@code ballast.http.shutdown-drain-timeout}); default zero: fail them at once.
     *
     * @param value how long {@link BallastHttpClient#close()} lets calls in flight finish before
     *     failing them (property {@code ballast.http.shutdown-drain-timeout}); default zero: fail
     *     them at once
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder shutdownDrainTimeout(Duration value) {
      requireNonNull(value, "shutdownDrainTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException(
            "shutdownDrainTimeout: " + value + " (expected: zero or a positive duration)");
      }
      shutdownDrainTimeout = value;
      return this;
    }

    /** The service {@code name} as configured so far, or null; for tests of the binder. */
    @Nullable ServiceDefinition definition(String name) {
      return services.get(name);
    }

    /**
     * Starts the client: event loops, load balancers and health checks.
     *
     * @return the started client; close it to stop it
     * @throws IllegalStateException if no service was added
     */
    public BallastHttpClient build() {
      if (services.isEmpty()) {
        throw new IllegalStateException("services: none (expected: at least one service)");
      }
      return new BallastHttpClient(
          ClientCore.start(
              List.copyOf(services.values()),
              zone,
              eventLoopThreads,
              meterRegistry,
              ticker,
              random,
              shutdownDrainTimeout));
    }
  }
}
