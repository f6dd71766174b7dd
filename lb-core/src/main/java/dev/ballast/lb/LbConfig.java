package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable configuration of one {@link LoadBalancer}: strategy, zones, health, outlier ejection,
 * panic and slow start. Build it with {@link #builder()}; bind it from properties with {@link
 * LbProperties}. Every value is validated in {@link Builder#build()}, which reports all problems at
 * once.
 */
public final class LbConfig {
  private final Strategy strategy;
  private final String localZone;
  private final boolean zoneAware;
  private final double overprovisioningFactor;
  private final Map<String, Double> callerShares;
  private final int panicThresholdPercent;
  private final Duration slowStartWindow;
  private final double slowStartAggression;
  private final double slowStartMinWeightFraction;
  private final int outlierConsecutiveFailures;
  private final Duration outlierBaseEjectionTime;
  private final Duration outlierMaxEjectionTime;
  private final int outlierMaxEjectionPercent;
  private final Duration healthCheckInterval;
  private final Duration healthCheckTimeout;
  private final double healthCheckJitter;
  private final int healthyThreshold;
  private final int unhealthyThreshold;
  private final Duration peakEwmaDecay;
  private final Duration peakEwmaPenalty;
  private final Duration failurePenalty;

  private LbConfig(Builder b) {
    strategy = b.strategy;
    localZone = b.localZone;
    zoneAware = b.zoneAware;
    overprovisioningFactor = b.overprovisioningFactor;
    callerShares = Collections.unmodifiableMap(new LinkedHashMap<>(b.callerShares));
    panicThresholdPercent = b.panicThresholdPercent;
    slowStartWindow = b.slowStartWindow;
    slowStartAggression = b.slowStartAggression;
    slowStartMinWeightFraction = b.slowStartMinWeightFraction;
    outlierConsecutiveFailures = b.outlierConsecutiveFailures;
    outlierBaseEjectionTime = b.outlierBaseEjectionTime;
    outlierMaxEjectionTime = b.outlierMaxEjectionTime;
    outlierMaxEjectionPercent = b.outlierMaxEjectionPercent;
    healthCheckInterval = b.healthCheckInterval;
    healthCheckTimeout = b.healthCheckTimeout;
    healthCheckJitter = b.healthCheckJitter;
    healthyThreshold = b.healthyThreshold;
    unhealthyThreshold = b.unhealthyThreshold;
    peakEwmaDecay = b.peakEwmaDecay;
    peakEwmaPenalty = b.peakEwmaPenalty;
    failurePenalty = b.failurePenalty;
  }

  /** {@return a builder with the documented defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults} */
  public static LbConfig defaults() {
    return builder().build();
  }

  /** {@return a builder pre-filled with this configuration} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.strategy = strategy;
    b.localZone = localZone;
    b.zoneAware = zoneAware;
    b.overprovisioningFactor = overprovisioningFactor;
    b.callerShares.putAll(callerShares);
    b.panicThresholdPercent = panicThresholdPercent;
    b.slowStartWindow = slowStartWindow;
    b.slowStartAggression = slowStartAggression;
    b.slowStartMinWeightFraction = slowStartMinWeightFraction;
    b.outlierConsecutiveFailures = outlierConsecutiveFailures;
    b.outlierBaseEjectionTime = outlierBaseEjectionTime;
    b.outlierMaxEjectionTime = outlierMaxEjectionTime;
    b.outlierMaxEjectionPercent = outlierMaxEjectionPercent;
    b.healthCheckInterval = healthCheckInterval;
    b.healthCheckTimeout = healthCheckTimeout;
    b.healthCheckJitter = healthCheckJitter;
    b.healthyThreshold = healthyThreshold;
    b.unhealthyThreshold = unhealthyThreshold;
    b.peakEwmaDecay = peakEwmaDecay;
    b.peakEwmaPenalty = peakEwmaPenalty;
    b.failurePenalty = failurePenalty;
    return b;
  }

  /** {@return the balancing strategy; default {@code least-request}} */
  public Strategy strategy() {
    return strategy;
  }

  /** {@return this process's zone; empty = unknown (zone-agnostic routing)} */
  public String localZone() {
    return localZone;
  }

  /** {@return whether zone-aware routing is on (it also needs a local zone); default true} */
  public boolean zoneAware() {
    return zoneAware;
  }

  /** {@return Envoy's overprovisioning factor for the local zone's share; default 1.4} */
  public double overprovisioningFactor() {
    return overprovisioningFactor;
  }

  /**
   * {@return the callers' distribution over zones (relative shares); empty = unknown (priority
   * mode)}
   */
  public Map<String, Double> callerShares() {
    return callerShares;
  }

  /**
   * {@return the percentage of usable endpoints below which the balancer uses all of them (panic);
   * default 50}
   */
  public int panicThresholdPercent() {
    return panicThresholdPercent;
  }

  /** {@return the slow-start ramp length; zero = off (the default)} */
  public Duration slowStartWindow() {
    return slowStartWindow;
  }

  /** {@return the slow-start aggression; 1.0 = linear ramp (default)} */
  public double slowStartAggression() {
    return slowStartAggression;
  }

  /** {@return the minimum weight fraction during a ramp; default 0.1} */
  public double slowStartMinWeightFraction() {
    return slowStartMinWeightFraction;
  }

  /**
   * {@return the consecutive failures that eject an endpoint; 0 = passive ejection off; default 5}
   */
  public int outlierConsecutiveFailures() {
    return outlierConsecutiveFailures;
  }

  /**
   * {@return the base ejection time: an ejection lasts {@code base × times ejected}; default 30 s}
   */
  public Duration outlierBaseEjectionTime() {
    return outlierBaseEjectionTime;
  }

  /** {@return the cap on one ejection's length; default 300 s} */
  public Duration outlierMaxEjectionTime() {
    return outlierMaxEjectionTime;
  }

  /**
   * {@return the largest percentage of endpoints ejected at once (at least one may be); default 50}
   */
  public int outlierMaxEjectionPercent() {
    return outlierMaxEjectionPercent;
  }

  /**
   * {@return the active health-check interval; default 5 s (checks run only when a probe is given)}
   */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** {@return the active health-check timeout; default 1 s} */
  public Duration healthCheckTimeout() {
    return healthCheckTimeout;
  }

  /** {@return the random spread added to each interval, as a fraction of it; default 0.1} */
  public double healthCheckJitter() {
    return healthCheckJitter;
  }

  /** {@return the consecutive passing checks that mark an unhealthy endpoint healthy; default 2} */
  public int healthyThreshold() {
    return healthyThreshold;
  }

  /** {@return the consecutive failing checks that mark a healthy endpoint unhealthy; default 2} */
  public int unhealthyThreshold() {
    return unhealthyThreshold;
  }

  /** {@return the τ of the peak-EWMA decay; default 10 s} */
  public Duration peakEwmaDecay() {
    return peakEwmaDecay;
  }

  /**
   * {@return the cost assumed for an endpoint with no latency sample yet and calls in flight;
   * default 100 ms}
   */
  public Duration peakEwmaPenalty() {
    return peakEwmaPenalty;
  }

  /** {@return the latency recorded for a failed call, so fast failures look slow; default 1 s} */
  public Duration failurePenalty() {
    return failurePenalty;
  }

  @Override
  public String toString() {
    return "LbConfig{strategy="
        + strategy.propertyName()
        + ", localZone='"
        + localZone
        + "', zoneAware="
        + zoneAware
        + ", overprovisioningFactor="
        + overprovisioningFactor
        + ", callerShares="
        + callerShares
        + ", panicThresholdPercent="
        + panicThresholdPercent
        + ", slowStartWindow="
        + slowStartWindow
        + ", outlierConsecutiveFailures="
        + outlierConsecutiveFailures
        + ", outlierBaseEjectionTime="
        + outlierBaseEjectionTime
        + ", outlierMaxEjectionPercent="
        + outlierMaxEjectionPercent
        + ", healthCheckInterval="
        + healthCheckInterval
        + ", healthCheckTimeout="
        + healthCheckTimeout
        + ", healthyThreshold="
        + healthyThreshold
        + ", unhealthyThreshold="
        + unhealthyThreshold
        + '}';
  }

  /** Builds an {@link LbConfig}; not thread-safe. */
  public static final class Builder {
    private Strategy strategy = Strategy.LEAST_REQUEST;
    private String localZone = "";
    private boolean zoneAware = true;
    private double overprovisioningFactor = 1.4;
    private final Map<String, Double> callerShares = new LinkedHashMap<>();
    private int panicThresholdPercent = 50;
    private Duration slowStartWindow = Duration.ZERO;
    private double slowStartAggression = 1.0;
    private double slowStartMinWeightFraction = 0.1;
    private int outlierConsecutiveFailures = 5;
    private Duration outlierBaseEjectionTime = Duration.ofSeconds(30);
    private Duration outlierMaxEjectionTime = Duration.ofSeconds(300);
    private int outlierMaxEjectionPercent = 50;
    private Duration healthCheckInterval = Duration.ofSeconds(5);
    private Duration healthCheckTimeout = Duration.ofSeconds(1);
    private double healthCheckJitter = 0.1;
    private int healthyThreshold = 2;
    private int unhealthyThreshold = 2;
    private Duration peakEwmaDecay = Duration.ofSeconds(10);
    private Duration peakEwmaPenalty = Duration.ofMillis(100);
    private Duration failurePenalty = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * See {@link LbConfig#strategy()}.
     *
     * @param value see {@link LbConfig#strategy()}
     * @return this builder
     */
    public Builder strategy(Strategy value) {
      strategy = requireNonNull(value, "strategy");
      return this;
    }

    /**
     * See {@link LbConfig#localZone()}.
     *
     * @param value see {@link LbConfig#localZone()}
     * @return this builder
     */
    public Builder localZone(String value) {
      localZone = requireNonNull(value, "localZone").trim();
      return this;
    }

    /**
     * See {@link LbConfig#zoneAware()}.
     *
     * @param value see {@link LbConfig#zoneAware()}
     * @return this builder
     */
    public Builder zoneAware(boolean value) {
      zoneAware = value;
      return this;
    }

    /**
     * See {@link LbConfig#overprovisioningFactor()}.
     *
     * @param value see {@link LbConfig#overprovisioningFactor()}
     * @return this builder
     */
    public Builder overprovisioningFactor(double value) {
      overprovisioningFactor = value;
      return this;
    }

    /**
     * See {@link LbConfig#callerShares()}; replaces any earlier shares.
     *
     * @param value see {@link LbConfig#callerShares()}; replaces any earlier shares
     * @return this builder
     */
    public Builder callerShares(Map<String, Double> value) {
      callerShares.clear();
      callerShares.putAll(requireNonNull(value, "callerShares"));
      return this;
    }

    /**
     * See {@link LbConfig#panicThresholdPercent()}.
     *
     * @param value see {@link LbConfig#panicThresholdPercent()}
     * @return this builder
     */
    public Builder panicThresholdPercent(int value) {
      panicThresholdPercent = value;
      return this;
    }

    /**
     * See {@link LbConfig#slowStartWindow()}.
     *
     * @param value see {@link LbConfig#slowStartWindow()}
     * @return this builder
     */
    public Builder slowStartWindow(Duration value) {
      slowStartWindow = requireNonNull(value, "slowStartWindow");
      return this;
    }

    /**
     * See {@link LbConfig#slowStartAggression()}.
     *
     * @param value see {@link LbConfig#slowStartAggression()}
     * @return this builder
     */
    public Builder slowStartAggression(double value) {
      slowStartAggression = value;
      return this;
    }

    /**
     * See {@link LbConfig#slowStartMinWeightFraction()}.
     *
     * @param value see {@link LbConfig#slowStartMinWeightFraction()}
     * @return this builder
     */
    public Builder slowStartMinWeightFraction(double value) {
      slowStartMinWeightFraction = value;
      return this;
    }

    /**
     * See {@link LbConfig#outlierConsecutiveFailures()}.
     *
     * @param value see {@link LbConfig#outlierConsecutiveFailures()}
     * @return this builder
     */
    public Builder outlierConsecutiveFailures(int value) {
      outlierConsecutiveFailures = value;
      return this;
    }

    /**
     * See {@link LbConfig#outlierBaseEjectionTime()}.
     *
     * @param value see {@link LbConfig#outlierBaseEjectionTime()}
     * @return this builder
     */
    public Builder outlierBaseEjectionTime(Duration value) {
      outlierBaseEjectionTime = requireNonNull(value, "outlierBaseEjectionTime");
      return this;
    }

    /**
     * See {@link LbConfig#outlierMaxEjectionTime()}.
     *
     * @param value see {@link LbConfig#outlierMaxEjectionTime()}
     * @return this builder
     */
    public Builder outlierMaxEjectionTime(Duration value) {
      outlierMaxEjectionTime = requireNonNull(value, "outlierMaxEjectionTime");
      return this;
    }

    /**
     * See {@link LbConfig#outlierMaxEjectionPercent()}.
     *
     * @param value see {@link LbConfig#outlierMaxEjectionPercent()}
     * @return this builder
     */
    public Builder outlierMaxEjectionPercent(int value) {
      outlierMaxEjectionPercent = value;
      return this;
    }

    /**
     * See {@link LbConfig#healthCheckInterval()}.
     *
     * @param value see {@link LbConfig#healthCheckInterval()}
     * @return this builder
     */
    public Builder healthCheckInterval(Duration value) {
      healthCheckInterval = requireNonNull(value, "healthCheckInterval");
      return this;
    }

    /**
     * See {@link LbConfig#healthCheckTimeout()}.
     *
     * @param value see {@link LbConfig#healthCheckTimeout()}
     * @return this builder
     */
    public Builder healthCheckTimeout(Duration value) {
      healthCheckTimeout = requireNonNull(value, "healthCheckTimeout");
      return this;
    }

    /**
     * See {@link LbConfig#healthCheckJitter()}.
     *
     * @param value see {@link LbConfig#healthCheckJitter()}
     * @return this builder
     */
    public Builder healthCheckJitter(double value) {
      healthCheckJitter = value;
      return this;
    }

    /**
     * See {@link LbConfig#healthyThreshold()}.
     *
     * @param value see {@link LbConfig#healthyThreshold()}
     * @return this builder
     */
    public Builder healthyThreshold(int value) {
      healthyThreshold = value;
      return this;
    }

    /**
     * See {@link LbConfig#unhealthyThreshold()}.
     *
     * @param value see {@link LbConfig#unhealthyThreshold()}
     * @return this builder
     */
    public Builder unhealthyThreshold(int value) {
      unhealthyThreshold = value;
      return this;
    }

    /**
     * See {@link LbConfig#peakEwmaDecay()}.
     *
     * @param value see {@link LbConfig#peakEwmaDecay()}
     * @return this builder
     */
    public Builder peakEwmaDecay(Duration value) {
      peakEwmaDecay = requireNonNull(value, "peakEwmaDecay");
      return this;
    }

    /**
     * See {@link LbConfig#peakEwmaPenalty()}.
     *
     * @param value see {@link LbConfig#peakEwmaPenalty()}
     * @return this builder
     */
    public Builder peakEwmaPenalty(Duration value) {
      peakEwmaPenalty = requireNonNull(value, "peakEwmaPenalty");
      return this;
    }

    /**
     * See {@link LbConfig#failurePenalty()}.
     *
     * @param value see {@link LbConfig#failurePenalty()}
     * @return this builder
     */
    public Builder failurePenalty(Duration value) {
      failurePenalty = requireNonNull(value, "failurePenalty");
      return this;
    }

    /**
     * Validates every field and builds.
     *
     * @return the configuration
     * @throws ConfigException listing every problem, one per line
     */
    public LbConfig build() {
      List<String> problems = new ArrayList<>();
      check(
          problems,
          overprovisioningFactor >= 1.0,
          "zone-aware.overprovisioning-factor",
          overprovisioningFactor,
          "a number >= 1.0");
      check(
          problems,
          panicThresholdPercent >= 0 && panicThresholdPercent <= 100,
          "panic-threshold",
          panicThresholdPercent,
          "a percentage 0..100");
      check(
          problems,
          !slowStartWindow.isNegative(),
          "slow-start.window",
          slowStartWindow,
          "a non-negative duration");
      check(
          problems,
          slowStartAggression > 0,
          "slow-start.aggression",
          slowStartAggression,
          "a number > 0");
      check(
          problems,
          slowStartMinWeightFraction > 0 && slowStartMinWeightFraction <= 1,
          "slow-start.min-weight-fraction",
          slowStartMinWeightFraction,
          "a fraction in (0, 1]");
      check(
          problems,
          outlierConsecutiveFailures >= 0,
          "outlier.consecutive-failures",
          outlierConsecutiveFailures,
          "an integer >= 0 (0 = off)");
      check(
          problems,
          isPositive(outlierBaseEjectionTime),
          "outlier.base-ejection-time",
          outlierBaseEjectionTime,
          "a positive duration");
      check(
          problems,
          outlierMaxEjectionTime.compareTo(outlierBaseEjectionTime) >= 0,
          "outlier.max-ejection-time",
          outlierMaxEjectionTime,
          "a duration >= outlier.base-ejection-time");
      check(
          problems,
          outlierMaxEjectionPercent >= 0 && outlierMaxEjectionPercent <= 100,
          "outlier.max-ejection-percent",
          outlierMaxEjectionPercent,
          "a percentage 0..100");
      check(
          problems,
          isPositive(healthCheckInterval),
          "health-check.interval",
          healthCheckInterval,
          "a positive duration");
      check(
          problems,
          isPositive(healthCheckTimeout),
          "health-check.timeout",
          healthCheckTimeout,
          "a positive duration");
      check(
          problems,
          healthCheckJitter >= 0 && healthCheckJitter <= 1,
          "health-check.jitter",
          healthCheckJitter,
          "a fraction 0..1");
      check(
          problems,
          healthyThreshold >= 1,
          "health-check.healthy-threshold",
          healthyThreshold,
          "an integer >= 1");
      check(
          problems,
          unhealthyThreshold >= 1,
          "health-check.unhealthy-threshold",
          unhealthyThreshold,
          "an integer >= 1");
      check(
          problems,
          isPositive(peakEwmaDecay),
          "peak-ewma.decay",
          peakEwmaDecay,
          "a positive duration");
      check(
          problems,
          isPositive(peakEwmaPenalty),
          "peak-ewma.penalty",
          peakEwmaPenalty,
          "a positive duration");
      check(
          problems,
          !failurePenalty.isNegative(),
          "failure-penalty",
          failurePenalty,
          "a non-negative duration");
      for (Map.Entry<String, Double> e : callerShares.entrySet()) {
        check(
            problems,
            e.getValue() != null && e.getValue() >= 0 && !e.getValue().isInfinite(),
            "zone-aware.caller-shares",
            e.getKey() + "=" + e.getValue(),
            "non-negative shares");
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new LbConfig(this);
    }

    private static boolean isPositive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }

    private static void check(
        List<String> problems, boolean ok, String key, Object value, String expected) {
      if (!ok) {
        problems.add(key + ": " + value + " (expected: " + expected + ")");
      }
    }
  }
}
