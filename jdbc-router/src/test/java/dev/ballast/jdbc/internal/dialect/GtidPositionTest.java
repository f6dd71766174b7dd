package dev.ballast.jdbc.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidPositionTest {

  @Test
  void coversWhenAtOrPastEveryDomainTheOtherNames() {
    GtidPosition replica = GtidPosition.parse("0-1-42,1-2-7");

    assertThat(replica.covers(GtidPosition.parse("0-1-42"))).isTrue();
    assertThat(replica.covers(GtidPosition.parse("0-3-41"))).isTrue(); // server id is irrelevant
    assertThat(replica.covers(GtidPosition.parse("0-1-43"))).isFalse();
    assertThat(replica.covers(GtidPosition.parse("0-1-40,1-2-8"))).isFalse();
    assertThat(replica.covers(GtidPosition.parse("2-1-1"))).isFalse(); // a domain it never saw
    assertThat(replica.covers(GtidPosition.parse(""))).isTrue();
    assertThat(GtidPosition.parse("").covers(GtidPosition.parse("0-1-1"))).isFalse();
  }

  @Test
  void sequenceSumGrowsWithEveryTransactionInAnyDomain() {
    assertThat(GtidPosition.parse("0-1-42, 1-2-7").sequenceSum()).isEqualTo(49);
    assertThat(GtidPosition.parse(" ").sequenceSum()).isZero();
    assertThat(GtidPosition.parse("0-1-5,0-2-9")).isEqualTo(GtidPosition.parse("0-2-9"));
  }

  @Test
  void rejectsTextThatIsNoGtidList() {
    assertThatThrownBy(() -> GtidPosition.parse("0-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "gtid position: 0-1 (expected: comma-separated domain-server-sequence, e.g. 0-1-42)");
    assertThatThrownBy(() -> GtidPosition.parse("0-1-x'); DROP TABLE t; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("gtid position: 0-1-x'); DROP TABLE t; --");
  }
}
