package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which queries spare the WAL-position round trip. */
class SqlTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "select v from t where id = ?",
        "  \n\tSelect 1",
        "(SELECT 1) UNION (SELECT 2)",
        "-- a comment\nSELECT 1",
        "/* hint */ SELECT 1",
        "VALUES (1)",
        "TABLE t",
        "SHOW search_path",
        "SELECT"
      })
  void readsStartWithAReadOnlyKeyword(String sql) {
    assertThat(SqlText.isRead(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO t VALUES (1) RETURNING id",
        "UPDATE t SET v = 1 RETURNING v",
        "DELETE FROM t RETURNING id",
        "WITH x AS (INSERT INTO t VALUES (1) RETURNING id) SELECT * FROM x",
        "SELECTED",
        "EXPLAIN ANALYZE INSERT INTO t VALUES (1)",
        "CALL p()",
        "/* unterminated SELECT 1",
        ""
      })
  void anythingElseMayWrite(String sql) {
    assertThat(SqlText.isRead(sql)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void noTextIsNotARead() {
    assertThat(SqlText.isRead(null)).isFalse();
  }
}
