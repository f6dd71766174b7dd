package dev.ballast.lb.internal.config;

import dev.ballast.lb.LbConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The range checks of {@link LbConfig}: one problem line per bad value, in the form {@code <key>:
 * <value> (expected: <what>)} with the key relative to a service's properties (a binder prefixes
 * it). Keeping every check here, apart from the setters, lets a builder report all problems at
 * once. Stateless.
 */
public final class LbConfigValidation {
  private LbConfigValidation() {}

  /** Every problem of {@code c}, in a fixed order; empty when it is valid. */
  public static List<String> problems(LbConfig c) {
    List<String> problems = new ArrayList<>();
    check(
        problems,
        c.overprovisioningFactor() >= 1.0,
        "zone-aware.overprovisioning-factor",
        c.overprovisioningFactor(),
        "a number >= 1.0");
    check(
        problems,
        c.panicThresholdPercent() >= 0 && c.panicThresholdPercent() <= 100,
        "panic-threshold",
        c.panicThresholdPercent(),
        "a percentage 0..100");
    check(
        problems,
        !c.slowStartWindow().isNegative(),
        "slow-start.window",
        c.slowStartWindow(),
        "a non-negative duration");
    check(
        problems,
        c.slowStartAggression() > 0,
        "slow-start.aggression",
        c.slowStartAggression(),
        "a number > 0");
    check(
        problems,
        c.slowStartMinWeightFraction() > 0 && c.slowStartMinWeightFraction() <= 1,
        "slow-start.min-weight-fraction",
        c.slowStartMinWeightFraction(),
        "a fraction in (0, 1]");
    check(
        problems,
        c.outlierConsecutiveFailures() >= 0,
        "outlier.consecutive-failures",
        c.outlierConsecutiveFailures(),
        "an integer >= 0 (0 = off)");
    check(
        problems,
        isPositive(c.outlierBaseEjectionTime()),
        "outlier.base-ejection-time",
        c.outlierBaseEjectionTime(),
        "a positive duration");
    check(
        problems,
        c.outlierMaxEjectionTime().compareTo(c.outlierBaseEjectionTime()) >= 0,
        "outlier.max-ejection-time",
        c.outlierMaxEjectionTime(),
        "a duration >= outlier.base-ejection-time");
    check(
        problems,
        c.outlierMaxEjectionPercent() >= 0 && c.outlierMaxEjectionPercent() <= 100,
        "outlier.max-ejection-percent",
        c.outlierMaxEjectionPercent(),
        "a percentage 0..100");
    check(
        problems,
        isPositive(c.healthCheckInterval()),
        "health-check.interval",
        c.healthCheckInterval(),
        "a positive duration");
    check(
        problems,
        isPositive(c.healthCheckTimeout()),
        "health-check.timeout",
        c.healthCheckTimeout(),
        "a positive duration");
    check(
        problems,
        c.healthCheckJitter() >= 0 && c.healthCheckJitter() <= 1,
        "health-check.jitter",
        c.healthCheckJitter(),
        "a fraction 0..1");
    check(
        problems,
        c.healthyThreshold() >= 1,
        "health-check.healthy-threshold",
        c.healthyThreshold(),
        "an integer >= 1");
    check(
        problems,
        c.unhealthyThreshold() >= 1,
        "health-check.unhealthy-threshold",
        c.unhealthyThreshold(),
        "an integer >= 1");
    check(
        problems,
        isPositive(c.peakEwmaDecay()),
        "peak-ewma.decay",
        c.peakEwmaDecay(),
        "a positive duration");
    check(
        problems,
        isPositive(c.peakEwmaPenalty()),
        "peak-ewma.penalty",
        c.peakEwmaPenalty(),
        "a positive duration");
    check(
        problems,
        !c.failurePenalty().isNegative(),
        "failure-penalty",
        c.failurePenalty(),
        "a non-negative duration");
    for (Map.Entry<String, Double> e : c.callerShares().entrySet()) {
      check(
          problems,
          e.getValue() != null && e.getValue() >= 0 && !e.getValue().isInfinite(),
          "zone-aware.caller-shares",
          e.getKey() + "=" + e.getValue(),
          "non-negative shares");
    }
    return problems;
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
