package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of an {@link LbConfig} being built, starting at the documented defaults, and the
 * setters of {@link LbConfig.Builder}, which inherits them. Not API: the setters are documented as
 * members of {@code LbConfig.Builder}. Setters only store (rejecting nulls); ranges are checked
 * once, when the builder builds. Not thread-safe.
 */
abstract class LbConfigDraft {
  Strategy strategy = Strategy.LEAST_REQUEST;
  String localZone = "";
  boolean zoneAware = true;
  double overprovisioningFactor = 1.4;
  final Map<String, Double> callerShares = new LinkedHashMap<>();
  int panicThresholdPercent = 50;
  Duration slowStartWindow = Duration.ZERO;
  double slowStartAggression = 1.0;
  double slowStartMinWeightFraction = 0.1;
  int outlierConsecutiveFailures = 5;
  Duration outlierBaseEjectionTime = Duration.ofSeconds(30);
  Duration outlierMaxEjectionTime = Duration.ofSeconds(300);
  int outlierMaxEjectionPercent = 50;
  Duration healthCheckInterval = Duration.ofSeconds(5);
  Duration healthCheckTimeout = Duration.ofSeconds(1);
  double healthCheckJitter = 0.1;
  int healthyThreshold = 2;
  int unhealthyThreshold = 2;
  Duration peakEwmaDecay = Duration.ofSeconds(10);
  Duration peakEwmaPenalty = Duration.ofMillis(100);
  Duration failurePenalty = Duration.ofSeconds(1);

  LbConfigDraft() {}

  /** The builder that the setters return. */
  abstract LbConfig.Builder self();

  /**
   * See {@link LbConfig#strategy()}.
   *
   * @param value see {@link LbConfig#strategy()}
   * @return this builder
   */
  public LbConfig.Builder strategy(Strategy value) {
    strategy = requireNonNull(value, "strategy");
    return self();
  }

  /**
   * See {@link LbConfig#localZone()}.
   *
   * @param value see {@link LbConfig#localZone()}
   * @return this builder
   */
  public LbConfig.Builder localZone(String value) {
    localZone = requireNonNull(value, "localZone").trim();
    return self();
  }

  /**
   * See {@link LbConfig#zoneAware()}.
   *
   * @param value see {@link LbConfig#zoneAware()}
   * @return this builder
   */
  public LbConfig.Builder zoneAware(boolean value) {
    zoneAware = value;
    return self();
  }

  /**
   * See {@link LbConfig#overprovisioningFactor()}.
   *
   * @param value see {@link LbConfig#overprovisioningFactor()}
   * @return this builder
   */
  public LbConfig.Builder overprovisioningFactor(double value) {
    overprovisioningFactor = value;
    return self();
  }

  /**
   * See {@link LbConfig#callerShares()}; replaces any earlier shares.
   *
   * @param value see {@link LbConfig#callerShares()}; replaces any earlier shares
   * @return this builder
   */
  public LbConfig.Builder callerShares(Map<String, Double> value) {
    callerShares.clear();
    callerShares.putAll(requireNonNull(value, "callerShares"));
    return self();
  }

  /**
   * See {@link LbConfig#panicThresholdPercent()}.
   *
   * @param value see {@link LbConfig#panicThresholdPercent()}
   * @return this builder
   */
  public LbConfig.Builder panicThresholdPercent(int value) {
    panicThresholdPercent = value;
    return self();
  }

  /**
   * See {@link LbConfig#slowStartWindow()}.
   *
   * @param value see {@link LbConfig#slowStartWindow()}
   * @return this builder
   */
  public LbConfig.Builder slowStartWindow(Duration value) {
    slowStartWindow = requireNonNull(value, "slowStartWindow");
    return self();
  }

  /**
   * See {@link LbConfig#slowStartAggression()}.
   *
   * @param value see {@link LbConfig#slowStartAggression()}
   * @return this builder
   */
  public LbConfig.Builder slowStartAggression(double value) {
    slowStartAggression = value;
    return self();
  }

  /**
   * See {@link LbConfig#slowStartMinWeightFraction()}.
   *
   * @param value see {@link LbConfig#slowStartMinWeightFraction()}
   * @return this builder
   */
  public LbConfig.Builder slowStartMinWeightFraction(double value) {
    slowStartMinWeightFraction = value;
    return self();
  }

  /**
   * See {@link LbConfig#outlierConsecutiveFailures()}.
   *
   * @param value see {@link LbConfig#outlierConsecutiveFailures()}
   * @return this builder
   */
  public LbConfig.Builder outlierConsecutiveFailures(int value) {
    outlierConsecutiveFailures = value;
    return self();
  }

  /**
   * See {@link LbConfig#outlierBaseEjectionTime()}.
   *
   * @param value see {@link LbConfig#outlierBaseEjectionTime()}
   * @return this builder
   */
  public LbConfig.Builder outlierBaseEjectionTime(Duration value) {
    outlierBaseEjectionTime = requireNonNull(value, "outlierBaseEjectionTime");
    return self();
  }

  /**
   * See {@link LbConfig#outlierMaxEjectionTime()}.
   *
   * @param value see {@link LbConfig#outlierMaxEjectionTime()}
   * @return this builder
   */
  public LbConfig.Builder outlierMaxEjectionTime(Duration value) {
    outlierMaxEjectionTime = requireNonNull(value, "outlierMaxEjectionTime");
    return self();
  }

  /**
   * See {@link LbConfig#outlierMaxEjectionPercent()}.
   *
   * @param value see {@link LbConfig#outlierMaxEjectionPercent()}
   * @return this builder
   */
  public LbConfig.Builder outlierMaxEjectionPercent(int value) {
    outlierMaxEjectionPercent = value;
    return self();
  }

  /**
   * See {@link LbConfig#healthCheckInterval()}.
   *
   * @param value see {@link LbConfig#healthCheckInterval()}
   * @return this builder
   */
  public LbConfig.Builder healthCheckInterval(Duration value) {
    healthCheckInterval = requireNonNull(value, "healthCheckInterval");
    return self();
  }

  /**
   * See {@link LbConfig#healthCheckTimeout()}.
   *
   * @param value see {@link LbConfig#healthCheckTimeout()}
   * @return this builder
   */
  public LbConfig.Builder healthCheckTimeout(Duration value) {
    healthCheckTimeout = requireNonNull(value, "healthCheckTimeout");
    return self();
  }

  /**
   * See {@link LbConfig#healthCheckJitter()}.
   *
   * @param value see {@link LbConfig#healthCheckJitter()}
   * @return this builder
   */
  public LbConfig.Builder healthCheckJitter(double value) {
    healthCheckJitter = value;
    return self();
  }

  /**
   * See {@link LbConfig#healthyThreshold()}.
   *
   * @param value see {@link LbConfig#healthyThreshold()}
   * @return this builder
   */
  public LbConfig.Builder healthyThreshold(int value) {
    healthyThreshold = value;
    return self();
  }

  /**
   * See {@link LbConfig#unhealthyThreshold()}.
   *
   * @param value see {@link LbConfig#unhealthyThreshold()}
   * @return this builder
   */
  public LbConfig.Builder unhealthyThreshold(int value) {
    unhealthyThreshold = value;
    return self();
  }

  /**
   * See {@link LbConfig#peakEwmaDecay()}.
   *
   * @param value see {@link LbConfig#peakEwmaDecay()}
   * @return this builder
   */
  public LbConfig.Builder peakEwmaDecay(Duration value) {
    peakEwmaDecay = requireNonNull(value, "peakEwmaDecay");
    return self();
  }

  /**
   * See {@link LbConfig#peakEwmaPenalty()}.
   *
   * @param value see {@link LbConfig#peakEwmaPenalty()}
   * @return this builder
   */
  public LbConfig.Builder peakEwmaPenalty(Duration value) {
    peakEwmaPenalty = requireNonNull(value, "peakEwmaPenalty");
    return self();
  }

  /**
   * See {@link LbConfig#failurePenalty()}.
   *
   * @param value see {@link LbConfig#failurePenalty()}
   * @return this builder
   */
  public LbConfig.Builder failurePenalty(Duration value) {
    failurePenalty = requireNonNull(value, "failurePenalty");
    return self();
  }
}
