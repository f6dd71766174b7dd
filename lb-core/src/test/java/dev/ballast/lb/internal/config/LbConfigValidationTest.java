package dev.ballast.lb.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.LbConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LbConfigValidationTest {
  /**
   * The problems of the config that {@code change} makes. An invalid config is never built, so its
   * problems are those that {@link LbConfig.Builder#build()} throws, which are this class's lines.
   */
  private static List<String> problemsOf(UnaryOperator<LbConfig.Builder> change) {
    try {
      return LbConfigValidation.problems(change.apply(LbConfig.builder()).build());
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  @Test
  void theDefaultsHaveNoProblem() {
    assertThat(LbConfigValidation.problems(LbConfig.defaults())).isEmpty();
  }

  @Test
  void everyBoundaryValueIsAccepted() {
    assertThat(
            problemsOf(
                b ->
                    b.overprovisioningFactor(1.0)
                        .panicThresholdPercent(0)
                        .slowStartWindow(Duration.ZERO)
                        .slowStartMinWeightFraction(1.0)
                        .outlierConsecutiveFailures(0)
                        .outlierBaseEjectionTime(Duration.ofNanos(1))
                        .outlierMaxEjectionTime(Duration.ofNanos(1))
                        .outlierMaxEjectionPercent(100)
                        .healthCheckJitter(1.0)
                        .healthyThreshold(1)
                        .unhealthyThreshold(1)
                        .failurePenalty(Duration.ZERO)
                        .callerShares(Map.of("a", 0.0))))
        .isEmpty();
    assertThat(problemsOf(b -> b.panicThresholdPercent(100).healthCheckJitter(0))).isEmpty();
  }

  @Test
  void eachValueOutOfRangeIsOneProblemLineInAFixedOrder() {
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("a", -1.0);
    shares.put("b", Double.POSITIVE_INFINITY);
    shares.put("c", 5.0);
    List<String> problems =
        problemsOf(
            b ->
                b.overprovisioningFactor(0.99)
                    .panicThresholdPercent(101)
                    .slowStartWindow(Duration.ofSeconds(-1))
                    .slowStartAggression(0)
                    .slowStartMinWeightFraction(0)
                    .outlierConsecutiveFailures(-1)
                    .outlierBaseEjectionTime(Duration.ZERO)
                    .outlierMaxEjectionTime(Duration.ofMillis(-1))
                    .outlierMaxEjectionPercent(-1)
                    .healthCheckInterval(Duration.ZERO)
                    .healthCheckTimeout(Duration.ofSeconds(-2))
                    .healthCheckJitter(1.5)
                    .healthyThreshold(0)
                    .unhealthyThreshold(0)
                    .peakEwmaDecay(Duration.ZERO)
                    .peakEwmaPenalty(Duration.ofMillis(-5))
                    .failurePenalty(Duration.ofMillis(-1))
                    .callerShares(shares));

    assertThat(problems)
        .containsExactly(
            "zone-aware.overprovisioning-factor: 0.99 (expected: a number >= 1.0)",
            "panic-threshold: 101 (expected: a percentage 0..100)",
            "slow-start.window: PT-1S (expected: a non-negative duration)",
            "slow-start.aggression: 0.0 (expected: a number > 0)",
            "slow-start.min-weight-fraction: 0.0 (expected: a fraction in (0, 1])",
            "outlier.consecutive-failures: -1 (expected: an integer >= 0 (0 = off))",
            "outlier.base-ejection-time: PT0S (expected: a positive duration)",
            "outlier.max-ejection-time: PT-0.001S"
                + " (expected: a duration >= outlier.base-ejection-time)",
            "outlier.max-ejection-percent: -1 (expected: a percentage 0..100)",
            "health-check.interval: PT0S (expected: a positive duration)",
            "health-check.timeout: PT-2S (expected: a positive duration)",
            "health-check.jitter: 1.5 (expected: a fraction 0..1)",
            "health-check.healthy-threshold: 0 (expected: an integer >= 1)",
            "health-check.unhealthy-threshold: 0 (expected: an integer >= 1)",
            "peak-ewma.decay: PT0S (expected: a positive duration)",
            "peak-ewma.penalty: PT-0.005S (expected: a positive duration)",
            "failure-penalty: PT-0.001S (expected: a non-negative duration)",
            "zone-aware.caller-shares: a=-1.0 (expected: non-negative shares)",
            "zone-aware.caller-shares: b=Infinity (expected: non-negative shares)");
  }

  @Test
  void theMaximumEjectionTimeIsCheckedAgainstTheBaseNotAFixedBound() {
    assertThat(
            problemsOf(
                b ->
                    b.outlierBaseEjectionTime(Duration.ofMinutes(10))
                        .outlierMaxEjectionTime(Duration.ofMinutes(5))))
        .containsExactly(
            "outlier.max-ejection-time: PT5M (expected: a duration >= outlier.base-ejection-time)");
  }
}
