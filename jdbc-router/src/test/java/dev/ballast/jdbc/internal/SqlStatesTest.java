package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which driver errors count as a read-only refusal (a demoted primary) or a connection failure. */
class SqlStatesTest {

  @Test
  void postgresReadOnlyTransactionIsAReadOnlyViolation() {
    assertThat(
            SqlStates.isReadOnlyViolation(
                new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
        .isTrue();
  }

  @Test
  void mysqlReadOnlyVendorCodesAreReadOnlyViolations() {
    // as MySQL Connector/J and MariaDB Connector/J report them
    SQLException readOnlyOption =
        new SQLException(
            "The MySQL server is running with the --read-only option so it cannot execute this"
                + " statement",
            "HY000",
            1290);
    SQLException readOnlyMode = new SQLException("Running in read-only mode", "HY000", 1836);
    SQLException readOnlyTransaction =
        new SQLException("Cannot execute statement in a READ ONLY transaction.", "25006", 1792);
    assertThat(SqlStates.isReadOnlyViolation(readOnlyOption)).isTrue();
    assertThat(SqlStates.isReadOnlyViolation(readOnlyMode)).isTrue();
    assertThat(SqlStates.isReadOnlyViolation(readOnlyTransaction)).isTrue();
    // wrapped, as a pool or framework may hand it on
    assertThat(
            SqlStates.isReadOnlyViolation(
                new SQLTransientConnectionException("wrapped", "08000", readOnlyMode)))
        .isTrue();
  }

  @Test
  void theSameVendorCodesUnderOtherSqlStatesOrOtherErrorsAreNot() {
    assertThat(SqlStates.isReadOnlyViolation(new SQLException("other vendor", "72000", 1290)))
        .isFalse();
    assertThat(SqlStates.isReadOnlyViolation(new SQLException("no state", null, 1836))).isFalse();
    assertThat(SqlStates.isReadOnlyViolation(new SQLException("duplicate key", "HY000", 1062)))
        .isFalse();
    assertThat(
            SqlStates.isReadOnlyViolation(
                new SQLException("relation \"nope\" does not exist", "42P01")))
        .isFalse();
    assertThat(SqlStates.isReadOnlyViolation(null)).isFalse();
  }

  @Test
  void connectionClassStatesAndServerShutdownAreConnectionFailures() {
    assertThat(SqlStates.isConnectionFailure(new SQLException("refused", "08001"))).isTrue();
    assertThat(SqlStates.isConnectionFailure(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(SqlStates.isConnectionFailure(new SQLException("read only", "25006"))).isFalse();
  }
}
