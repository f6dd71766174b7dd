package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void rampingEndpointsCountByTheirRampFactor() {
    // Zone a's two endpoints just returned under slow start (factor 0.1 each): 1.4 × 0.2 / 2.
    double[] s =
        ZoneShares.priority(0, new double[] {0.2, 2}, new int[] {2, 2}, new double[] {0.2, 2}, 1.4);
    assertThat(s[0]).isCloseTo(0.14, within(1e-9));
    assertThat(s[1]).isCloseTo(0.86, within(1e-9));
  }
}
