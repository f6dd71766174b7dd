package dev.ballast.lb;

import dev.ballast.lb.internal.config.LbConfigValidation;
import java.time.Duration;
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
  public static final class Builder extends LbConfigDraft {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Validates every field and builds.
     *
     * @return the configuration
     * @throws ConfigException listing every problem, one per line
     */
    public LbConfig build() {
      LbConfig config = new LbConfig(this);
      List<String> problems = LbConfigValidation.problems(config);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return config;
    }
  }
}
