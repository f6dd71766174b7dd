package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneSharesTest {
  @Test
  void priorityModeKeepsOverprovisionedShareLocal() {
    double[] s =
        ZoneShares.priority(
            0, new double[] {2, 3, 3}, new int[] {3, 3, 3}, new double[] {2, 3, 3}, 1.4);
    assertThat(s[0]).isCloseTo(1.4 * 2 / 3, within(1e-9));
    assertThat(s[1]).isCloseTo(s[2], within(1e-9));
    assertThat(s[0] + s[1] + s[2]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void priorityModeKeepsEverythingLocalWhenNoRemoteCapacity() {
    double[] s =
        ZoneShares.priority(0, new double[] {1, 0}, new int[] {3, 2}, new double[] {1, 0}, 1.4);
    assertThat(s).containsExactly(1.0, 0.0);
  }

  @Test
  void callerSharesFollowEnvoysWorkedExample() {
    double[] s =
        ZoneShares.callerShares(
            0,
            new String[] {"a", "b", "c"},
            new double[] {1, 2, 1},
            Map.of("a", 40.0, "b", 40.0, "c", 20.0));
    assertThat(s[0]).isCloseTo(0.625, within(1e-9));
    assertThat(s[1]).isCloseTo(0.25, within(1e-9));
    assertThat(s[2]).isCloseTo(0.125, within(1e-9));
  }

  @Test
  void callerSharesStayLocalWhenLocalCapacitySuffices() {
    double[] s =
        ZoneShares.callerShares(
            0, new String[] {"a", "b"}, new double[] {2, 2}, Map.of("a", 50.0, "b", 50.0));
    assertThat(s).containsExactly(1.0, 0.0);
  }

  /**
   * Envoy's priority-level documentation (arch_overview/upstream/load_balancing/priority.rst,
   * "Priority levels"), its three tables row by row: healthy % per level → traffic % per level.
   * Envoy works in integer percents, so each figure holds within one percentage point.
   */
  @ParameterizedTest(name = "healthy {0} → traffic {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Two levels, P1 100 % healthy.
        "100 100     | 100 0",
        "72 100      | 100 0",
        "71 100      | 99 1",
        "50 100      | 70 30",
        "25 100      | 35 65",
        "0 100       | 0 100",
        // Two levels, normalized total health.
        "100 100     | 100 0",
        "72 72       | 100 0",
        "71 71       | 99 1",
        "50 50       | 70 30",
        "25 100      | 35 65",
        "25 25       | 50 50",
        // Three levels.
        "100 100 100 | 100 0 0",
        "72 72 100   | 100 0 0",
        "71 71 100   | 99 1 0",
        "50 50 100   | 70 30 0",
        "25 100 100  | 35 65 0",
        "25 25 100   | 35 35 30",
        "25 25 20    | 36 36 28",
      })
  void priorityLoadsReproduceEnvoysDocumentedTables(
      String healthyPercents, String trafficPercents) {
    double[] healthy = percents(healthyPercents);
    double[] expected = percents(trafficPercents);
    double[] loads = ZoneShares.priorityLoads(healthy, 1.4);
    for (int i = 0; i < expected.length; i++) {
      assertThat(loads[i]).as("load of P%d", i).isCloseTo(expected[i], within(0.01));
    }
    assertThat(Arrays.stream(loads).sum()).isCloseTo(1.0, within(1e-9));
  }

  /** The doc's prose example: healths {20, 30} normalize to loads {40 %, 60 %}. */
  @Test
  void priorityLoadsNormalizeHealthsSummingBelowOneHundred() {
    double[] loads = ZoneShares.priorityLoads(new double[] {20 / 140.0, 30 / 140.0}, 1.4);
    assertThat(loads[0]).isCloseTo(0.4, within(1e-9));
    assertThat(loads[1]).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void aThirdHealthyLocalZoneKeepsSeventySevenPercentWhenRemoteZonesAreTenPercentHealthy() {
    // Local 1/3 healthy (health 46.7), two remote zones of ten with one healthy each (health 14):
    // normalized total 60.7, so 46.7 / 60.7 ≈ 77 % stays local (without the normalization: 46.7 %).
    double[] s =
        ZoneShares.priority(
            0, new double[] {1, 1, 1}, new int[] {3, 10, 10}, new double[] {1, 1, 1}, 1.4);
    assertThat(s[0]).isCloseTo(0.4667 / 0.6067, within(1e-3));
    assertThat(s[0]).isCloseTo(0.77, within(0.005));
    assertThat(s[1]).isCloseTo(s[2], within(1e-9));
    assertThat(s[0] + s[1] + s[2]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aDeadRemoteZoneCountsInTheRemoteHealth() {
    // Local 1/3 healthy; remote: b 1 of 1 healthy, c 0 of 9: remote health 1.4 × 1/10 = 14.
    double[] s =
        ZoneShares.priority(
            0, new double[] {1, 1, 0}, new int[] {3, 1, 9}, new double[] {1, 1, 0}, 1.4);
    assertThat(s[0]).isCloseTo(0.4667 / 0.6067, within(1e-3));
    assertThat(s[2]).isZero();
  }

  @Test
  void usableCountsAreWhatTheBalancerPassesIncludingRampFactors() {
    // A zone returning as a whole counts by its ramp factors (0.1 each here): 1.4 × 0.2 / 2.
    double[] s =
        ZoneShares.priority(0, new double[] {0.2, 2}, new int[] {2, 2}, new double[] {0.2, 2}, 1.4);
    assertThat(s[0]).isCloseTo(0.14, within(1e-9));
    assertThat(s[1]).isCloseTo(0.86, within(1e-9));
  }

  private static double[] percents(String spaceSeparated) {
    return Arrays.stream(spaceSeparated.trim().split("\\s+"))
        .mapToDouble(v -> Double.parseDouble(v) / 100)
        .toArray();
  }
}
