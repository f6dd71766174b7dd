package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code ballast.zone} and {@code ballast.http.*} into {@link BoundProperties}, which {@code
 * BallastHttpClient.fromProperties} applies to its builder, collecting every problem and throwing
 * them all at once before anything starts.
 *
 * <pre>
 * ballast.zone                                   this process's zone (else env BALLAST_ZONE)
 * ballast.http.event-loop-threads                integer 1..256 (default: processors, at most 4)
 * ballast.http.shutdown-drain-timeout            duration (default 0s): close() lets calls finish
 * ballast.http.services.&lt;name&gt;.endpoints         URL[;zone=Z][;weight=W], comma-separated (required
 *                                                unless discovery is set)
 * ballast.http.services.&lt;name&gt;.discovery         a discovery source by name ({@link DiscoveryBinding})
 * ballast.http.services.&lt;name&gt;.&lt;key&gt;             any key below; else ballast.http.defaults.&lt;key&gt;
 *   connect-timeout (1s), request-timeout (10s), call-timeout (none),
 *   max-connections-per-endpoint (64), max-pending-acquires (1024), idle-timeout (60s),
 *   non-idempotent-max-idle (1s), max-response-size (10MB),
 *   retry.max-attempts (3), retry.backoff (25ms), retry.budget-percent (20),
 *   hedge.delay (none), hedge.budget-percent (10), health-check.path (none),
 *   tls.insecure-trust-all (false), tls.trust-certificates (PEM file; default: the JDK's trust
 *   store), bulkhead.max-concurrent-calls (off), bulkhead.max-wait (0),
 *   circuit-breaker.failure-rate-threshold (off), circuit-breaker.sliding-window (100),
 *   circuit-breaker.minimum-calls (20), circuit-breaker.wait-in-open (10s),
 *   and lb-core's keys ({@link LbProperties})
 * </pre>
 *
 * Keys under {@code ballast.jdbc.} belong to jdbc-router and are ignored here; any other unknown
 * key under {@code ballast.} is an error with a "did you mean". Stateless.
 */
public final class PropertiesBinder {
  static final String SERVICES = "ballast.http.services.";
  static final String DEFAULTS = "ballast.http.defaults.";
  static final String THREADS = "ballast.http.event-loop-threads";
  // Client-wide (one close() per client), so not under defaults./services.<name>. like the rest.
  static final String DRAIN = "ballast.http.shutdown-drain-timeout";
  private static final String JDBC = "ballast.jdbc.";
  private static final int ANY_MIN = Integer.MIN_VALUE;
  private static final int ANY_MAX = Integer.MAX_VALUE;

  private PropertiesBinder() {}

  /**
   * The client configuration in {@code props}; {@code env} looks up environment variables.
   *
   * @throws ConfigException with every problem found
   */
  public static BoundProperties bind(Properties props, Function<String, @Nullable String> env) {
    return bind(props, env, reader -> {});
  }

  /**
   * As {@link #bind(Properties, Function)}, handing the reader to {@code afterRead} once every key
   * has been read and before unknown keys are checked: lets tooling see {@link
   * ConfigReader#knownKeys()} (the Spring Boot starter checks its IDE metadata against it).
   *
   * @throws ConfigException with every problem found
   */
  public static BoundProperties bind(
      Properties props, Function<String, @Nullable String> env, Consumer<ConfigReader> afterRead) {
    return bind(props, env, afterRead, List.of());
  }

  /**
   * As {@link #bind(Properties, Function, Consumer)}, offering {@code providers} as discovery
   * sources beside the class path's (see {@code DiscoveryProviders}).
   *
   * @throws ConfigException with every problem found
   */
  public static BoundProperties bind(
      Properties props,
      Function<String, @Nullable String> env,
      Consumer<ConfigReader> afterRead,
      Collection<? extends EndpointSourceProvider> providers) {
    Properties own = new Properties();
    for (String key : props.stringPropertyNames()) {
      if (!key.startsWith(JDBC)) {
        own.setProperty(key, props.getProperty(key));
      }
    }
    ConfigReader reader = new ConfigReader(own, env);
    String zone = LbProperties.localZone(reader);
    Optional<Integer> threads = reader.optionalInteger(THREADS, 1, 256);
    Optional<Duration> drain = reader.optionalDuration(DRAIN);
    List<ServiceDefinition> services = new ArrayList<>();
    List<String> names = reader.names(SERVICES);
    if (names.isEmpty()) {
      reader.problem(
          SERVICES + "<name>.endpoints",
          null,
          "at least one service, e.g. " + SERVICES + "orders.endpoints=http://host:8080");
    }
    for (String name : names) {
      bindService(reader, name, zone, providers)
          .ifPresent(s -> services.add(new ServiceDefinition(name, s.endpoints, s.config)));
    }
    afterRead.accept(reader);
    reader.checkUnknownKeys();
    reader.throwIfProblems();
    return new BoundProperties(zone, threads.orElse(null), drain.orElse(null), services);
  }

  private static final class BoundService {
    final EndpointSource endpoints;
    final HttpServiceConfig config;

    BoundService(EndpointSource endpoints, HttpServiceConfig config) {
      this.endpoints = endpoints;
      this.config = config;
    }
  }

  private static Optional<BoundService> bindService(
      ConfigReader reader,
      String name,
      String zone,
      Collection<? extends EndpointSourceProvider> providers) {
    ConfigReader.Scope scope = reader.scope(SERVICES + name + ".", DEFAULTS);
    String endpointsKey = SERVICES + name + ".endpoints";
    // discovery=<name> replaces endpoints=: DiscoveryBinding reads one or the other.
    Optional<EndpointSource> discovered =
        DiscoveryBinding.bind(reader, SERVICES + name + ".", name, providers);
    String spec =
        DiscoveryBinding.isSet(reader, SERVICES + name + ".")
            ? ""
            : reader.required(endpointsKey, EndpointSpecs.LIST_EXPECTED);
    List<Endpoint> endpoints =
        spec.isEmpty()
            ? List.of()
            : EndpointSpecs.parse(
                spec, (entry, expected) -> reader.problem(endpointsKey, entry, expected));

    LbConfig.Builder lb = LbConfig.builder().localZone(zone);
    LbProperties.apply(scope, lb);
    Optional<LbConfig> lbConfig = LbProperties.build(scope, lb);

    HttpServiceConfig.Builder b = HttpServiceConfig.builder();
    lbConfig.ifPresent(b::lb);
    scope.optionalDuration("connect-timeout").ifPresent(b::connectTimeout);
    scope.optionalDuration("request-timeout").ifPresent(b::requestTimeout);
    scope.optionalDuration("call-timeout").ifPresent(b::callTimeout);
    scope
        .optionalInteger("max-connections-per-endpoint", ANY_MIN, ANY_MAX)
        .ifPresent(b::maxConnectionsPerEndpoint);
    scope
        .optionalInteger("max-pending-acquires", ANY_MIN, ANY_MAX)
        .ifPresent(b::maxPendingAcquires);
    scope.optionalDuration("idle-timeout").ifPresent(b::idleTimeout);
    scope.optionalDuration("non-idempotent-max-idle").ifPresent(b::nonIdempotentMaxIdle);
    scope
        .<Integer>optionalChoice("max-response-size", Sizes::parse, Sizes.EXPECTED)
        .ifPresent(b::maxResponseSize);
    scope.optionalInteger("retry.max-attempts", ANY_MIN, ANY_MAX).ifPresent(b::retryMaxAttempts);
    scope.optionalDuration("retry.backoff").ifPresent(b::retryBackoff);
    scope
        .optionalInteger("retry.budget-percent", ANY_MIN, ANY_MAX)
        .ifPresent(b::retryBudgetPercent);
    scope.optionalDuration("hedge.delay").ifPresent(b::hedgeDelay);
    scope
        .optionalInteger("hedge.budget-percent", ANY_MIN, ANY_MAX)
        .ifPresent(b::hedgeBudgetPercent);
    scope.optionalString("health-check.path").ifPresent(b::healthCheckPath);
    scope.optionalBool("tls.insecure-trust-all").ifPresent(b::tlsInsecureTrustAll);
    scope
        .<Path>optionalChoice("tls.trust-certificates", Path::of, "a path to a PEM file")
        .ifPresent(b::tlsTrustCertificates);
    scope
        .optionalInteger("bulkhead.max-concurrent-calls", ANY_MIN, ANY_MAX)
        .ifPresent(b::bulkheadMaxConcurrentCalls);
    scope.optionalDuration("bulkhead.max-wait").ifPresent(b::bulkheadMaxWait);
    scope
        .optionalInteger("circuit-breaker.failure-rate-threshold", ANY_MIN, ANY_MAX)
        .ifPresent(b::circuitBreakerFailureRateThreshold);
    scope
        .optionalInteger("circuit-breaker.sliding-window", ANY_MIN, ANY_MAX)
        .ifPresent(b::circuitBreakerSlidingWindow);
    scope
        .optionalInteger("circuit-breaker.minimum-calls", ANY_MIN, ANY_MAX)
        .ifPresent(b::circuitBreakerMinimumCalls);
    scope.optionalDuration("circuit-breaker.wait-in-open").ifPresent(b::circuitBreakerWaitInOpen);
    try {
      HttpServiceConfig config = b.build();
      if (discovered.isPresent() && lbConfig.isPresent()) {
        return Optional.of(new BoundService(discovered.get(), config));
      }
      if (lbConfig.isEmpty() || endpoints.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new BoundService(EndpointSource.of(endpoints), config));
    } catch (ConfigException e) {
      scope.report(e);
      return Optional.empty();
    }
  }
}
