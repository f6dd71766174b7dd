package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Ticker;
import io.netty.channel.EventLoop;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured service at run time: its load balancer, its connection pools ({@link
 * EndpointPools}), its retry and hedge budgets, its isolation and its TLS context ({@link
 * ServiceTls}).
 *
 * <p>Thread-safe. Endpoint sets arrive serialized from the source; pools are looked up lock-free.
 */
final class ServiceRuntime {
  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  /** Endpoint metadata key whose value {@code https} selects TLS. */
  static final String SCHEME = "scheme";

  private final String name;
  private final HttpServiceConfig config;
  private final ClientCore core;
  private final Transport transport;
  private final RetryBudget retryBudget;
  private final RetryBudget hedgeBudget;
  private final Backoff backoff;
  private final long requestTimeoutNanos;
  private final String requestTimeoutText;
  private final @Nullable Duration callTimeout;
  private final String callTimeoutText;
  private final ServiceIsolation isolation;
  private final ServiceTls tls;
  private final EndpointPools pools;
  private @Nullable AutoCloseable subscription;
  private @Nullable AutoCloseable departures;
  private @Nullable LoadBalancer lb;
  private ClientMetrics.ServiceMeters meters = ClientMetrics.ServiceMeters.NOOP;

  ServiceRuntime(
      ServiceDefinition def,
      LbConfig lbConfig,
      ClientCore core,
      Transport transport,
      Ticker ticker,
      RandomSource random,
      Isolations isolations) {
    this.name = def.name();
    this.config = def.config().toBuilder().lb(lbConfig).build();
    this.isolation = isolations.of(name, config, ticker);
    this.core = core;
    this.transport = transport;
    this.retryBudget = new RetryBudget(ticker, config.retryBudgetPercent(), 10);
    this.hedgeBudget = new RetryBudget(ticker, config.hedgeBudgetPercent(), 1);
    this.backoff = new Backoff(config.retryBackoff(), random);
    // Formatted once here: formatting a duration per attempt was a tenth of the call path's CPU.
    this.requestTimeoutNanos = config.requestTimeout().toNanos();
    this.requestTimeoutText =
        "timed out after " + Durations.format(config.requestTimeout()) + " (request-timeout)";
    this.callTimeout = config.callTimeout().orElse(null);
    this.callTimeoutText =
        callTimeout == null ? "call-timeout" : "call-timeout " + Durations.format(callTimeout);
    this.tls = new ServiceTls(name, config);
    this.pools = new EndpointPools(config, transport, tls, core.ticker());
  }

  /** Subscribes to the source and builds the load balancer; undone by {@link #close()}. */
  void start(ServiceDefinition def, Ticker ticker, RandomSource random) {
    // Our listener first: pools learn of a new endpoint before the balancer can pick it.
    subscription = def.source().subscribe(pools::onEndpoints);
    if (config.tlsInsecureTrustAll() || config.tlsTrustCertificates().isPresent()) {
      // TLS settings given: https endpoints are expected, and a bad setting fails start-up.
      tls.context();
    }
    LoadBalancer.Builder b =
        LoadBalancer.builder(name)
            .config(config.lb())
            .source(def.source())
            .ticker(ticker)
            .random(random)
            .scheduler(new EventLoopScheduler(transport.group()))
            .controlExecutor(transport.control());
    config
        .healthCheckPath()
        .ifPresent(
            path ->
                b.healthProbe(
                    new HealthChecker(this, path, config.lb().healthCheckTimeout().toNanos())));
    LoadBalancer built = b.build();
    lb = built;
    // Our second listener, after the balancer's: the pools of endpoints that left close once the
    // balancer has applied the set that removed them. Closed earlier, a call queued for such an
    // endpoint failed over to a picker that still held only that endpoint, and ended with
    // "every endpoint already tried" although the new set had others (seen in CI).
    departures =
        def.source()
            .subscribe(set -> built.flush().whenComplete((done, failure) -> pools.closeDeparted()));
  }

  String name() {
    return name;
  }

  HttpServiceConfig config() {
    return config;
  }

  LoadBalancer loadBalancer() {
    LoadBalancer l = lb;
    if (l == null) {
      throw new IllegalStateException("service '" + name + "' not started");
    }
    return l;
  }

  Ticker ticker() {
    return core.ticker();
  }

  /** This service's meters; set once by the core before the client is handed out. */
  ClientMetrics.ServiceMeters meters() {
    return meters;
  }

  void meters(ClientMetrics.ServiceMeters value) {
    meters = value;
  }

  /** {@code request-timeout} in nanoseconds. */
  long requestTimeoutNanos() {
    return requestTimeoutNanos;
  }

  /** The failure detail of an attempt that reached {@code request-timeout}. */
  String requestTimeoutText() {
    return requestTimeoutText;
  }

  /** The service's {@code call-timeout}; null when none. */
  @Nullable Duration callTimeout() {
    return callTimeout;
  }

  /** {@code call-timeout <duration>}, for messages. */
  String callTimeoutText() {
    return callTimeoutText;
  }

  /** The service's bulkhead and circuit breaker (either may be absent). */
  ServiceIsolation isolation() {
    return isolation;
  }

  RetryBudget retryBudget() {
    return retryBudget;
  }

  RetryBudget hedgeBudget() {
    return hedgeBudget;
  }

  boolean hedging() {
    return config.hedgeDelay().isPresent();
  }

  Backoff backoff() {
    return backoff;
  }

  /** How many endpoints the service has now. */
  int endpointCount() {
    return pools.endpointCount();
  }

  /** Whether the endpoint with {@code id} is in the service's current set. */
  boolean hasEndpoint(String id) {
    return pools.hasEndpoint(id);
  }

  /** A loop for call timers (backoff, hedges). */
  EventLoop timerLoop() {
    return transport.next();
  }

  void onCallEnded(Call call) {
    core.onCallEnded(call);
  }

  /** The traffic pool of {@code e}; null when {@code e} is no longer in the service. */
  @Nullable EndpointPool pool(Endpoint e) {
    return pools.pool(e);
  }

  /** The one-connection health-check pool of {@code e}; null when {@code e} left the service. */
  @Nullable EndpointPool healthPool(Endpoint e) {
    return pools.healthPool(e);
  }

  /** Whether the TLS context exists; for tests. */
  boolean tlsReady() {
    return tls.ready();
  }

  /** Stops the balancer, unsubscribes and closes every pool. Idempotent. */
  void close() {
    pools.stopCreating();
    isolation.close();
    unsubscribe(departures);
    unsubscribe(subscription);
    LoadBalancer l = lb;
    if (l != null) {
      l.close();
    }
    pools.closeAll();
  }

  private void unsubscribe(@Nullable AutoCloseable sub) {
    if (sub != null) {
      try {
        sub.close();
      } catch (Exception e) {
        log.debug("Service '{}': unsubscribing failed", name, e);
      }
    }
  }
}
