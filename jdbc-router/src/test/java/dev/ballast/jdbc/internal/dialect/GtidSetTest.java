package dev.ballast.jdbc.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidSetTest {

  private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String B = "4f22ab58-82db-22f2-af44-d91bb0530673";

  @Test
  void coversIntervalByIntervalAsGtidSubsetDoes() {
    GtidSet executed = GtidSet.parse(A + ":1-5:7-9,\n" + B + ":1-3");

    assertThat(executed.covers(GtidSet.parse(A + ":1-5"))).isTrue();
    assertThat(executed.covers(GtidSet.parse(A + ":8," + B + ":2-3"))).isTrue();
    assertThat(executed.covers(GtidSet.parse(A + ":6"))).isFalse(); // a gap: applied out of order
    assertThat(executed.covers(GtidSet.parse(A + ":4-7"))).isFalse();
    assertThat(executed.covers(GtidSet.parse(B + ":4"))).isFalse();
    assertThat(executed.covers(GtidSet.parse(""))).isTrue();
  }

  @Test
  void normalizesMergesAndCounts() {
    GtidSet set = GtidSet.parse(A.toUpperCase() + ":7-9:1-5:6");
    assertThat(set).hasToString(A + ":1-9");
    assertThat(set.count()).isEqualTo(9);
    assertThat(GtidSet.parse(A + ":1-3").union(GtidSet.parse(A + ":5," + B + ":1")))
        .hasToString(A + ":1-3:5," + B + ":1");
  }

  @Test
  void rejectsTextThatIsNoGtidSet() {
    assertThatThrownBy(() -> GtidSet.parse(A + ":5-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "gtid set: " + A + ":5-2 (expected: uuid:first-last[:first-last…], comma-separated)");
    assertThatThrownBy(() -> GtidSet.parse(A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("gtid set: " + A + " (expected");
  }
}
