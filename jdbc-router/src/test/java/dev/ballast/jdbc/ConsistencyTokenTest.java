package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

  @Test
  void serializesAsPostgresPrintsAPositionAndParsesBack() {
    ConsistencyToken t = ConsistencyToken.ofLsn((0x16L << 32) | 0xB374D848L);
    assertThat(t.serialize()).isEqualTo("lsn:16/B374D848");
    assertThat(ConsistencyToken.parse(" lsn:16/b374d848 ")).isEqualTo(t);
    assertThat(ConsistencyToken.parse(t.serialize()).lsn()).isEqualTo(t.lsn());
    assertThat(ConsistencyToken.ofLsn(0).serialize()).isEqualTo("lsn:0/0");
  }

  @Test
  void ordersByPositionAndKeepsTheLater() {
    ConsistencyToken early = ConsistencyToken.ofLsn(100);
    ConsistencyToken late = ConsistencyToken.ofLsn(200);
    assertThat(early.max(late)).isSameAs(late);
    assertThat(late.max(early)).isSameAs(late);
    assertThat(early).isLessThan(late);
  }

  @Test
  void rejectsAnythingElseNamingTheText() {
    for (String bad :
        new String[] {"", "16/B374D848", "lsn:", "lsn:16", "lsn:xyz/1", "lsn:1/123456789"}) {
      assertThatThrownBy(() -> ConsistencyToken.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "token: " + bad + " (expected: lsn:X/Y as written by ConsistencyToken.serialize())");
    }
    assertThatThrownBy(() -> ConsistencyToken.ofLsn(-1))
        .hasMessage("lsn: -1 (expected: a WAL position >= 0)");
  }
}
