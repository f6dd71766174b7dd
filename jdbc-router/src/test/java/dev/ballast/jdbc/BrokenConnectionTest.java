package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ballast.jdbc.internal.SqlStates;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A physical connection that broke under a statement is never handed out again: the router makes
 * its statements on the driver's connection inside HikariCP's proxy, so it is the router, not
 * HikariCP, that sees the failure and must evict the connection. With a pool of one, the next
 * borrower, right away (HikariCP hands out a connection used less than 500 ms ago unchecked), gets
 * a new backend.
 */
class BrokenConnectionTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  @Test
  void aPrimaryConnectionKilledUnderAStatementIsEvictedNotHandedOutAgain(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = poolsOfOne(cluster)) {
      long victim;
      try (Connection c = ds.getConnection()) {
        victim = backendPid(c);
        assertThat(
                queryLong(
                    cluster.primary(), "SELECT count(pg_terminate_backend(" + victim + ", 5000))"))
            .isEqualTo(1);
        Throwable failure = catchThrowable(() -> backendPid(c));
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(SqlStates.isConnectionFailure(failure)).as("%s", failure).isTrue();
      }
      for (int i = 0; i < 3; i++) {
        try (Connection c = ds.getConnection()) {
          assertThat(backendPid(c)).as("borrow %d after the kill", i).isNotEqualTo(victim);
        }
      }
    }
  }

  @Test
  void aConnectionThatReportedAConnectionFailureIsEvictedEvenWhileTheDriverStillUsesIt(
      PostgresCluster cluster) throws Exception {
    try (RoutingDataSource ds = poolsOfOne(cluster)) {
      long first;
      try (Connection c = ds.getConnection()) {
        first = backendPid(c);
        SQLException failure = raise(c, "22012");
        assertThat(failure.getSQLState()).isEqualTo("22012");
      }
      try (Connection c = ds.getConnection()) {
        assertThat(backendPid(c)).as("an ordinary error keeps the connection").isEqualTo(first);
        SQLException failure = raise(c, "08006");
        assertThat(failure.getSQLState()).isEqualTo("08006");
        assertThat(backendPid(c)).as("the driver's connection still works").isEqualTo(first);
      }
      try (Connection c = ds.getConnection()) {
        assertThat(backendPid(c)).as("a connection failure retires it").isNotEqualTo(first);
      }
    }
  }

  /** A router over {@code cluster} whose pools hold one connection each. */
  private static RoutingDataSource poolsOfOne(PostgresCluster cluster) {
    Properties p = properties(cluster);
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "1");
    return RoutingDataSource.fromProperties(p);
  }

  /** Has the server raise an error of SQLState {@code state} on {@code c}, and returns it. */
  private static SQLException raise(Connection c, String state) {
    Throwable t =
        catchThrowable(
            () -> {
              try (Statement s = c.createStatement()) {
                s.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = '"
                        + state
                        + "'; END $$");
              }
            });
    assertThat(t).isInstanceOf(SQLException.class);
    return (SQLException) t;
  }

  private static long backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
