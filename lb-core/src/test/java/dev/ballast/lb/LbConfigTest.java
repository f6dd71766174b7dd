package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LbConfigTest {
  @Test
  void theDefaultsAreTheDocumentedOnes() {
    LbConfig c = LbConfig.defaults();

    assertThat(c.strategy()).isEqualTo(Strategy.LEAST_REQUEST);
    assertThat(c.localZone()).isEmpty();
    assertThat(c.zoneAware()).isTrue();
    assertThat(c.overprovisioningFactor()).isEqualTo(1.4);
    assertThat(c.callerShares()).isEmpty();
    assertThat(c.panicThresholdPercent()).isEqualTo(50);
    assertThat(c.slowStartWindow()).isZero();
    assertThat(c.slowStartAggression()).isEqualTo(1.0);
    assertThat(c.slowStartMinWeightFraction()).isEqualTo(0.1);
    assertThat(c.outlierConsecutiveFailures()).isEqualTo(5);
    assertThat(c.outlierBaseEjectionTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.outlierMaxEjectionTime()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.outlierMaxEjectionPercent()).isEqualTo(50);
    assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.healthCheckTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.healthCheckJitter()).isEqualTo(0.1);
    assertThat(c.healthyThreshold()).isEqualTo(2);
    assertThat(c.unhealthyThreshold()).isEqualTo(2);
    assertThat(c.peakEwmaDecay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.peakEwmaPenalty()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.failurePenalty()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void toBuilderCarriesEveryValue() {
    LbConfig c =
        LbConfig.builder()
            .strategy(Strategy.PEAK_EWMA)
            .localZone(" z1 ")
            .zoneAware(false)
            .overprovisioningFactor(2)
            .callerShares(Map.of("z1", 3.0))
            .panicThresholdPercent(10)
            .slowStartWindow(Duration.ofSeconds(7))
            .slowStartAggression(2)
            .slowStartMinWeightFraction(0.5)
            .outlierConsecutiveFailures(9)
            .outlierBaseEjectionTime(Duration.ofSeconds(3))
            .outlierMaxEjectionTime(Duration.ofSeconds(4))
            .outlierMaxEjectionPercent(20)
            .healthCheckInterval(Duration.ofMillis(200))
            .healthCheckTimeout(Duration.ofMillis(50))
            .healthCheckJitter(0)
            .healthyThreshold(3)
            .unhealthyThreshold(4)
            .peakEwmaDecay(Duration.ofSeconds(2))
            .peakEwmaPenalty(Duration.ofMillis(7))
            .failurePenalty(Duration.ofMillis(300))
            .build();

    LbConfig copy = c.toBuilder().build();

    assertThat(copy).usingRecursiveComparison().isEqualTo(c);
    assertThat(copy.localZone()).as("trimmed by the setter").isEqualTo("z1");
    assertThat(copy.toString()).isEqualTo(c.toString());
  }

  @Test
  void buildReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () -> LbConfig.builder().panicThresholdPercent(-1).healthyThreshold(0).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "panic-threshold: -1 (expected: a percentage 0..100)",
                        "health-check.healthy-threshold: 0 (expected: an integer >= 1)"));
  }

  @Test
  void settersRejectNullsByName() {
    assertThatThrownBy(() -> LbConfig.builder().slowStartWindow(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("slowStartWindow");
    assertThatThrownBy(() -> LbConfig.builder().callerShares(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callerShares");
  }
}
