package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code ballast.zone} and {@code ballast.http.*} onto a {@link BallastHttpClient.Builder},
 * collecting every problem and throwing them all at once before anything starts.
 *
 * <pre>
 * ballast.zone                                   this process's zone (else env BALLAST_ZONE)
 * ballast.http.event-loop-threads                integer 1..256 (default: processors, at most 4)
 * ballast.http.shutdown-drain-timeout            duration (default 0s): close() lets calls finish
 * ballast.http.services.&lt;name&gt;.endpoints         URL[;zone=Z][;weight=W], comma-separated (required)
 * ballast.http.services.&lt;name&gt;.&lt;key&gt;             any key below; else ballast.http.defaults.&lt;key&gt;
 *   connect-timeout (1s), request-timeout (10s), call-timeout (none),
 *   max-connections-per-endpoint (64), max-pending-acquires (1024), idle-timeout (60s),
 *   max-response-size (10MB),
 *   retry.max-attempts (3), retry.backoff (25ms), retry.budget-percent (20),
 *   hedge.delay (none), hedge.budget-percent (10), health-check.path (none),
 *   tls.insecure-trust-all (false), tls.trust-certificates (PEM file; default: the JDK's trust
 *   store), and lb-core's keys ({@link LbProperties})
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
   * A builder configured from {@code props}; {@code env} looks up environment variables.
   *
   * @throws ConfigException with every problem found
   */
  public static BallastHttpClient.Builder bind(
      Properties props, Function<String, @Nullable String> env) {
    return bind(props, env, reader -> {});
  }

  /**
   * As {@link #bind(Properties, Function)}, handing the reader to {@code afterRead} once every key
   * has been read and before unknown keys are checked: lets tooling see {@link
   * ConfigReader#knownKeys()} (the Spring Boot starter checks its IDE metadata against it).
   *
   * @throws ConfigException with every problem found
   */
  public static BallastHttpClient.Builder bind(
      Properties props, Function<String, @Nullable String> env, Consumer<ConfigReader> afterRead) {
    Properties own = new Properties();
    for (String key : props.stringPropertyNames()) {
      if (!key.startsWith(JDBC)) {
        own.setProperty(key, props.getProperty(key));
      }
    }
    ConfigReader reader = new ConfigReader(own, env);
    BallastHttpClient.Builder builder = BallastHttpClient.builder();
    String zone = LbProperties.localZone(reader);
    builder.zone(zone);
    Optional<Integer> threads = reader.optionalInteger(THREADS, 1, 256);
    threads.ifPresent(builder::eventLoopThreads);
    reader.optionalDuration(DRAIN).ifPresent(builder::shutdownDrainTimeout);
    List<String> names = reader.names(SERVICES);
    if (names.isEmpty()) {
      reader.problem(
          SERVICES + "<name>.endpoints",
          null,
          "at least one service, e.g. " + SERVICES + "orders.endpoints=http://host:8080");
    }
    for (String name : names) {
      bindService(reader, name, zone).ifPresent(s -> builder.service(name, s.endpoints, s.config));
    }
    afterRead.accept(reader);
    reader.checkUnknownKeys();
    reader.throwIfProblems();
    return builder;
  }

  private static final class BoundService {
    final EndpointSource endpoints;
    final HttpServiceConfig config;

    BoundService(List<Endpoint> endpoints, HttpServiceConfig config) {
      this.endpoints = EndpointSource.of(endpoints);
      this.config = config;
    }
  }

  private static Optional<BoundService> bindService(ConfigReader reader, String name, String zone) {
    ConfigReader.Scope scope = reader.scope(SERVICES + name + ".", DEFAULTS);
    String endpointsKey = SERVICES + name + ".endpoints";
    String spec = reader.required(endpointsKey, EndpointSpecs.LIST_EXPECTED);
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
    try {
      HttpServiceConfig config = b.build();
      if (lbConfig.isEmpty() || endpoints.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new BoundService(endpoints, config));
    } catch (ConfigException e) {
      scope.report(e);
      return Optional.empty();
    }
  }
}
