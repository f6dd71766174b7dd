package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Binds the load-balancer properties shared by every Ballast module onto an {@link
 * LbConfig.Builder}. Keys are relative to a {@link ConfigReader.Scope}, so the same names serve
 * {@code ballast.http.services.<name>.*} (falling back to {@code ballast.http.defaults.*}) and
 * {@code ballast.jdbc.*}:
 *
 * <pre>
 * strategy                             round-robin|weighted-round-robin|random|least-request|peak-ewma|ring-hash
 * zone-aware.enabled                   true|false
 * zone-aware.overprovisioning-factor   number &gt;= 1
 * zone-aware.caller-shares             a=40,b=40,c=20
 * panic-threshold                      percentage 0..100
 * slow-start.window                    duration (0 = off)
 * slow-start.aggression                number &gt; 0
 * health-check.interval                duration
 * health-check.timeout                 duration
 * health-check.jitter                  fraction 0..1
 * health-check.healthy-threshold       integer &gt;= 1
 * health-check.unhealthy-threshold     integer &gt;= 1
 * outlier.consecutive-failures         integer &gt;= 0 (0 = off)
 * outlier.base-ejection-time           duration
 * outlier.max-ejection-time            duration
 * outlier.max-ejection-percent         percentage 0..100
 * peak-ewma.decay                      duration
 * peak-ewma.penalty                    duration
 * </pre>
 *
 * <p>The reader checks each value's form (a number, a duration, a known strategy); ranges are
 * checked once, by {@link LbConfig.Builder#build()}, whose problems {@link #build} turns into
 * problems with full keys. Stateless and thread-safe (the reader and builder are not).
 */
public final class LbProperties {
  /** The global key of this process's zone. */
  public static final String ZONE_KEY = "ballast.zone";

  /** The environment variable consulted when {@link #ZONE_KEY} is not set. */
  public static final String ZONE_ENV = "BALLAST_ZONE";

  private static final int ANY_INT_MIN = Integer.MIN_VALUE;
  private static final int ANY_INT_MAX = Integer.MAX_VALUE;
  private static final double ANY_MIN = Double.NEGATIVE_INFINITY;
  private static final double ANY_MAX = Double.POSITIVE_INFINITY;

  private LbProperties() {}

  /**
   * Sets on {@code builder} every key of the table above that is set in {@code scope}; unset keys
   * leave the builder's values (its defaults, or what the caller set) alone. Malformed values are
   * recorded as problems in the scope's reader. The local zone is not touched: see {@link
   * #localZone}.
   *
   * @param scope the scope to read, for example a service's keys with the defaults as fallback
   * @param builder the builder to fill in; keys that are absent leave its values as they are
   * @return {@code builder}
   */
  public static LbConfig.Builder apply(ConfigReader.Scope scope, LbConfig.Builder builder) {
    requireNonNull(scope, "scope");
    requireNonNull(builder, "builder");
    scope
        .optionalChoice("strategy", Strategy::fromPropertyName, "one of " + Strategy.names())
        .ifPresent(builder::strategy);
    scope.optionalBool("zone-aware.enabled").ifPresent(builder::zoneAware);
    scope
        .optionalDecimal("zone-aware.overprovisioning-factor", ANY_MIN, ANY_MAX)
        .ifPresent(builder::overprovisioningFactor);
    Map<String, Double> shares = scope.shares("zone-aware.caller-shares");
    if (!shares.isEmpty()) {
      builder.callerShares(shares);
    }
    scope
        .optionalInteger("panic-threshold", ANY_INT_MIN, ANY_INT_MAX)
        .ifPresent(builder::panicThresholdPercent);
    scope.optionalDuration("slow-start.window").ifPresent(builder::slowStartWindow);
    scope
        .optionalDecimal("slow-start.aggression", ANY_MIN, ANY_MAX)
        .ifPresent(builder::slowStartAggression);
    scope.optionalDuration("health-check.interval").ifPresent(builder::healthCheckInterval);
    scope.optionalDuration("health-check.timeout").ifPresent(builder::healthCheckTimeout);
    scope
        .optionalDecimal("health-check.jitter", ANY_MIN, ANY_MAX)
        .ifPresent(builder::healthCheckJitter);
    scope
        .optionalInteger("health-check.healthy-threshold", ANY_INT_MIN, ANY_INT_MAX)
        .ifPresent(builder::healthyThreshold);
    scope
        .optionalInteger("health-check.unhealthy-threshold", ANY_INT_MIN, ANY_INT_MAX)
        .ifPresent(builder::unhealthyThreshold);
    scope
        .optionalInteger("outlier.consecutive-failures", ANY_INT_MIN, ANY_INT_MAX)
        .ifPresent(builder::outlierConsecutiveFailures);
    scope
        .optionalDuration("outlier.base-ejection-time")
        .ifPresent(builder::outlierBaseEjectionTime);
    scope.optionalDuration("outlier.max-ejection-time").ifPresent(builder::outlierMaxEjectionTime);
    scope
        .optionalInteger("outlier.max-ejection-percent", ANY_INT_MIN, ANY_INT_MAX)
        .ifPresent(builder::outlierMaxEjectionPercent);
    scope.optionalDuration("peak-ewma.decay").ifPresent(builder::peakEwmaDecay);
    scope.optionalDuration("peak-ewma.penalty").ifPresent(builder::peakEwmaPenalty);
    return builder;
  }

  /**
   * Builds {@code builder}; when it is invalid, records its problems in the scope's reader under
   * full keys (e.g. {@code ballast.http.services.orders.panic-threshold: 150 (expected: a
   * percentage 0..100)}) and returns empty. A config is returned even if the reader holds other
   * problems: call {@link ConfigReader#throwIfProblems()} before using it.
   *
   * @param scope the scope to read, for example a service's keys with the defaults as fallback
   * @param builder the builder to fill in; keys that are absent leave its values as they are
   * @return the configuration; empty when it is invalid
   */
  public static Optional<LbConfig> build(ConfigReader.Scope scope, LbConfig.Builder builder) {
    requireNonNull(scope, "scope");
    requireNonNull(builder, "builder");
    try {
      return Optional.of(builder.build());
    } catch (ConfigException e) {
      scope.report(e);
      return Optional.empty();
    }
  }

  /**
   * {@return this process's zone: {@code ballast.zone}, else the environment variable {@code
   * BALLAST_ZONE} (through the reader's environment lookup), else empty (zone-agnostic)} Never
   * null.
   *
   * @param reader the reader of the properties
   */
  public static String localZone(ConfigReader reader) {
    requireNonNull(reader, "reader");
    return reader.optionalString(ZONE_KEY).or(() -> reader.env(ZONE_ENV)).orElse("");
  }
}
