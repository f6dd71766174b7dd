package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tokens of the GTID engines: what they serialize to, how they combine, what they refuse. */
class ConsistencyTokenGtidTest {

  @Test
  void aMariaDbTokenNamesItsDatabaseAndSerializesWithoutCommas() {
    ConsistencyToken t = ConsistencyToken.ofGtid("mariadb", "0-1-42,1-2-7");
    assertThat(t.database()).isEqualTo("mariadb");
    assertThat(t.position()).isEqualTo("0-1-42,1-2-7");
    assertThat(t.serialize()).isEqualTo("mariadb-gtid:0-1-42+1-2-7");
    assertThat(ConsistencyToken.parse(" mariadb-gtid:0-1-42+1-2-7 ")).isEqualTo(t);
    assertThat(t.isLsn()).isFalse();
    assertThat(ConsistencyToken.ofLsn(5).database()).isEqualTo("postgresql");
  }

  @Test
  void aMySqlTokenKeepsItsGtidSet() {
    String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    ConsistencyToken t = ConsistencyToken.parse("mysql-gtid:" + uuid + ":1-5:7");
    assertThat(t.database()).isEqualTo("mysql");
    assertThat(t.position()).isEqualTo(uuid + ":1-5:7");
    assertThat(ConsistencyToken.parse(t.serialize())).isEqualTo(t);
  }

  @Test
  void maxOfTwoGtidTokensCoversBothAndTheOriginIsBelowEveryToken() {
    ConsistencyToken a = ConsistencyToken.ofGtid("mariadb", "0-1-42");
    ConsistencyToken b = ConsistencyToken.ofGtid("mariadb", "0-1-40,1-2-7");
    assertThat(a.max(b).serialize()).isEqualTo("mariadb-gtid:0-1-42+1-2-7");
    assertThat(a.max(ConsistencyToken.ofGtid("mariadb", "0-1-41"))).isSameAs(a);
    ConsistencyToken origin = ConsistencyToken.ofLsn(0);
    assertThat(origin.max(a)).isSameAs(a);
    assertThat(a.max(origin)).isSameAs(a);
    assertThat(a).isGreaterThan(origin);
    assertThat(a.max(b)).isGreaterThan(a);
  }

  @Test
  void tokensOfDifferentEnginesDoNotMixAndBadTextIsNamed() {
    ConsistencyToken maria = ConsistencyToken.ofGtid("mariadb", "0-1-42");
    assertThatThrownBy(() -> maria.max(ConsistencyToken.ofLsn(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token: lsn:0/64 (expected: a mariadb token, as mariadb-gtid:0-1-42)");
    assertThatThrownBy(maria::lsn)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "token: mariadb-gtid:0-1-42 (expected: an lsn token: a mariadb token has GTIDs)");
    assertThatThrownBy(() -> ConsistencyToken.parse("mariadb-gtid:0-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "token: mariadb-gtid:0-1 (expected: mariadb-gtid:domain-server-sequence[+…] as"
                + " written by ConsistencyToken.serialize())");
    assertThatThrownBy(() -> ConsistencyToken.ofGtid("postgresql", "0-1-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database: postgresql (expected: mariadb or mysql, the engines with GTIDs)");
  }
}
