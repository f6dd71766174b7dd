package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ballast.jdbc.internal.SqlStates;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes whose primary session is killed while they run ({@code pg_terminate_backend}): the caller
 * gets the failure, the write is never run a second time, and a transaction's earlier work is
 * rolled back. Each write is held in flight by a row lock that another session holds, so the kill
 * surely lands while the statement runs.
 */
class WriteFailureTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  /** Bounds the wait for the blocked statement to show up on the server. */
  private static final Duration IN_FLIGHT_BUDGET = Duration.ofSeconds(20);

  private static ExecutorService caller;

  @BeforeAll
  static void tables(PostgresCluster cluster) throws SQLException {
    RouterTestSupport.execute(
        cluster.primary(),
        "CREATE TABLE gate (id int PRIMARY KEY, v int);"
            + " INSERT INTO gate VALUES (1, 0);"
            + " CREATE TABLE written (tag text, n int)");
    caller = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stop() {
    caller.shutdownNow();
  }

  @Test
  void anUpdateKilledInFlightFailsToTheCallerAndIsNotRunAgain(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO written SELECT 'update', v FROM gate WHERE id = 1 FOR UPDATE")) {
      Throwable failure = killInFlight(cluster, p::executeUpdate);
      assertThat(failure).isInstanceOf(SQLException.class);
      assertThat(SqlStates.isConnectionFailure(failure)).as("%s", failure).isTrue();
    }
    assertThat(rows(cluster, "update")).isZero();
  }

  @Test
  void aBatchKilledInFlightFailsToTheCallerAndIsNotRunAgain(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO written SELECT 'batch', v + ? FROM gate WHERE id = 1 FOR UPDATE")) {
      for (int i = 0; i < 3; i++) {
        p.setInt(1, i);
        p.addBatch();
      }
      Throwable failure = killInFlight(cluster, p::executeBatch);
      assertThat(failure).isInstanceOf(SQLException.class);
      assertThat(SqlStates.isConnectionFailure(failure)).as("%s", failure).isTrue();
    }
    assertThat(rows(cluster, "batch")).isZero();
  }

  @Test
  void aTransactionKilledInFlightFailsToTheCallerAndLeavesNoneOfItsRows(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("INSERT INTO written VALUES ('tx-before', 1)")).isEqualTo(1);
        Throwable failure =
            killInFlight(cluster, () -> s.executeUpdate("UPDATE gate SET v = v + 1 WHERE id = 1"));
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(SqlStates.isConnectionFailure(failure)).as("%s", failure).isTrue();
        // the transaction is gone: what follows must not carry on as if it were still open
        Throwable later =
            catchThrowable(
                () -> {
                  s.executeUpdate("INSERT INTO written VALUES ('tx-after', 1)");
                  c.commit();
                });
        assertThat(later).as("work after the killed statement").isInstanceOf(SQLException.class);
      }
    }
    assertThat(rows(cluster, "tx-before")).isZero();
    assertThat(rows(cluster, "tx-after")).isZero();
    assertThat(queryLong(cluster.primary(), "SELECT v FROM gate WHERE id = 1")).isZero();
  }

  /**
   * Runs {@code write} on another thread while a session of its own holds the lock on {@code gate}
   * row 1, terminates the write's backend once it waits for that lock, releases the lock, and
   * returns what the write threw (null if it returned).
   */
  private static Throwable killInFlight(PostgresCluster cluster, Callable<?> write)
      throws Exception {
    PgNode primary = cluster.primary();
    try (Connection blocker = primary.dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("SELECT v FROM gate WHERE id = 1 FOR UPDATE");
      }
      Future<?> running = caller.submit(write);
      long victim = 0;
      long deadline = System.nanoTime() + IN_FLIGHT_BUDGET.toNanos();
      while (victim == 0 && System.nanoTime() < deadline && !running.isDone()) {
        victim =
            queryLong(
                primary,
                "SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND backend_type = 'client backend' AND query LIKE '%gate%'");
        if (victim == 0) {
          Thread.sleep(5);
        }
      }
      assertThat(victim).as("backend of the write waiting for the lock").isPositive();
      assertThat(queryLong(primary, "SELECT count(pg_terminate_backend(" + victim + ", 5000))"))
          .isEqualTo(1);
      blocker.rollback();
      try {
        running.get(30, TimeUnit.SECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      }
    }
  }

  private static long rows(PostgresCluster cluster, String tag) throws SQLException {
    return queryLong(cluster.primary(), "SELECT count(*) FROM written WHERE tag = '" + tag + "'");
  }
}
