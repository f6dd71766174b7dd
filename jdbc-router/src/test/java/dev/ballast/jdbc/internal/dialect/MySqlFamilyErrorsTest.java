package dev.ballast.jdbc.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The vendor codes MySQL and MariaDB use for a lost connection and a read-only server. */
class MySqlFamilyErrorsTest {

  private final Dialect mariadb = Dialects.forUrl("jdbc:mariadb://db/app");
  private final Dialect mysql = Dialects.forUrl("jdbc:mysql://db/app");

  @Test
  void lostConnectionsAreRecognizedByStateOrVendorCode() {
    for (Dialect d : new Dialect[] {mariadb, mysql}) {
      assertThat(d.isConnectionFailure(new SQLException("gone", "08S01", 0))).isTrue();
      assertThat(d.isConnectionFailure(new SQLException("Connection was killed", "70100", 1927)))
          .isTrue();
      assertThat(d.isConnectionFailure(new SQLException("shutdown in progress", "08S01", 1053)))
          .isTrue();
      assertThat(d.isConnectionFailure(new SQLException("server has gone away", "HY000", 2006)))
          .isTrue();
      assertThat(
              d.isConnectionFailure(
                  new SQLTransientConnectionException(
                      "pool", "08001", new SQLException("lost", "HY000", 2013))))
          .isTrue();
      // same SQLState, but only the query was interrupted: the connection is fine
      assertThat(d.isConnectionFailure(new SQLException("interrupted", "70100", 1317))).isFalse();
      assertThat(d.isConnectionFailure(new SQLException("duplicate", "23000", 1062))).isFalse();
    }
  }

  @Test
  void readOnlyRefusalsAreRecognized() {
    for (Dialect d : new Dialect[] {mariadb, mysql}) {
      assertThat(d.isReadOnlyViolation(new SQLException("--read-only", "HY000", 1290))).isTrue();
      assertThat(d.isReadOnlyViolation(new SQLException("read-only trx", "25006", 1792))).isTrue();
      assertThat(d.isReadOnlyViolation(new SQLException("duplicate", "23000", 1062))).isFalse();
    }
  }
}
