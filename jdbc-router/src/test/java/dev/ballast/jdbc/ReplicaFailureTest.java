package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static dev.ballast.jdbc.RouterTestSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ballast.jdbc.internal.SqlStates;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas that kill their sessions (restart, terminated backends) or whose pools cannot connect:
 * reads run again elsewhere instead of failing, and do not wait out the pool's timeout.
 */
class ReplicaFailureTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  /** Bounds every loop of these tests in time as well as in count. */
  private static final Duration LOOP_BUDGET = Duration.ofSeconds(20);

  /** Bounds the loops that go on until a dead connection was met. */
  private static final int MAX_ATTEMPTS = 20;

  @Test
  void aReadOnAConnectionTheReplicaKilledRunsAgainElsewhereAndTheReplicasPoolIsRetired(
      PostgresCluster cluster) throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.replicas.r1.hikari.maximumPoolSize", "2");
    PgNode r1 = cluster.node("r1");
    List<String> outcomes = new ArrayList<>();
    int retried = 0;
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      long deadline = System.nanoTime() + LOOP_BUDGET.toNanos();
      // At least 4 attempts, and on until one met a dead connection: a stalled machine can let
      // 500 ms pass before the read, and then the pool checks and replaces the connection itself.
      for (int attempt = 0;
          (attempt < 4 || retried == 0) && attempt < MAX_ATTEMPTS && System.nanoTime() < deadline;
          attempt++) {
        // Two r1 connections used just now: HikariCP hands them out unchecked for 500 ms.
        String setUp;
        try (Connection a = ds.forReads().getConnection();
            Connection b = ds.forReads().getConnection()) {
          setUp = nodeName(cluster, serverPort(a)) + "/" + nodeName(cluster, serverPort(b));
        }
        if (!setUp.equals("r1/r1")) {
          // r1's pool was still reopening the connections the last attempt killed (slower than
          // the pools' 250 ms connect timeout on a loaded machine), so a read went elsewhere: no
          // killed r1 connection to test this time.
          outcomes.add("not set up: " + setUp);
          continue;
        }
        terminateClientSessions(r1);
        String first = read(cluster, ds);
        String second = read(cluster, ds);
        outcomes.add(first + " then " + second);
        if (!first.equals("r1")) {
          retried++;
          // the pool's other connection, dead too, was retired rather than handed out
          assertThat(second).as("%s", outcomes).isEqualTo("r1");
        }
      }
    }
    System.out.printf("killed sessions: reads %s%n", outcomes);
    // HikariCP checks a connection idle for 500 ms or more: some attempt must have met a dead one
    assertThat(retried).as("%s", outcomes).isGreaterThanOrEqualTo(1);
    assertThat(outcomes).as("%s", outcomes).allMatch(o -> o.matches("(r1|r2) then r1"));
  }

  @Test
  void aReadInsideATransactionIsNotRunAgainOnAnotherHost(PostgresCluster cluster) throws Exception {
    PgNode r1 = cluster.node("r1");
    List<String> outcomes = new ArrayList<>();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      long deadline = System.nanoTime() + LOOP_BUDGET.toNanos();
      // at least 4 attempts, and on until one met a dead connection (see above)
      for (int attempt = 0;
          (attempt < 4 || !outcomes.contains("connection failure"))
              && attempt < MAX_ATTEMPTS
              && System.nanoTime() < deadline;
          attempt++) {
        assertThat(read(cluster, ds)).isEqualTo("r1");
        terminateClientSessions(r1);
        try (Connection c = ds.forReads().getConnection()) {
          c.setAutoCommit(false);
          try {
            outcomes.add(nodeName(cluster, serverPort(c)));
            c.commit();
          } catch (SQLException e) {
            outcomes.add(SqlStates.isConnectionFailure(e) ? "connection failure" : "other " + e);
          }
        }
      }
    }
    System.out.printf("killed sessions, in a transaction: %s%n", outcomes);
    // r1: HikariCP noticed the dead connection itself; never another host
    assertThat(outcomes)
        .containsAnyOf("connection failure")
        .allMatch(o -> o.equals("connection failure") || o.equals("r1"));
  }

  @Test
  void restartingAReplicaUnderReadLoadFailsNoRead(PostgresCluster cluster) throws Exception {
    PgNode r1 = cluster.node("r1");
    Map<String, AtomicLong> byNode = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> readers = new ArrayList<>();
    long r1AfterRestart;
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      // longer than the three waits below together
      long stopAt = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      for (int i = 0; i < 3; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (running.get() && System.nanoTime() < stopAt) {
                    try {
                      byNode
                          .computeIfAbsent(read(cluster, ds), k -> new AtomicLong())
                          .incrementAndGet();
                    } catch (RuntimeException e) {
                      failures.add(String.valueOf(e.getMessage()));
                    }
                  }
                },
                "reader-" + i);
        t.start();
        readers.add(t);
      }
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(byNode, "r1") >= 200);
        r1.stop();
        long afterStop = count(byNode, "r1");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(byNode, "r2") >= 200);
        r1.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(byNode, "r1") > afterStop + 200);
        r1AfterRestart = count(byNode, "r1") - afterStop;
      } finally {
        running.set(false);
        for (Thread t : readers) {
          t.join(10_000);
        }
      }
    }
    System.out.printf("replica restart under load: reads %s, failed %d%n", byNode, failures.size());
    assertThat(failures).as("%s", failures).isEmpty();
    assertThat(r1AfterRestart).isGreaterThan(200);
  }

  @Test
  void aReplicaWhosePoolCannotConnectCostsAReadAQuarterSecondNotThePoolTimeout(
      PostgresCluster cluster) throws Exception {
    Properties props = properties(cluster); // connectionTimeout 5000 ms
    // The monitor's probe connects (r1 stays eligible); the pool's connections all fail.
    props.setProperty("ballast.jdbc.replicas.r1.hikari.connectionInitSql", "SELECT 1/0");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThat(read(cluster, ds)).isEqualTo("r2");
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
      System.out.printf("reads past an unconnectable replica pool took %s ms%n", millis);
      // about a quarter second each on a quiet machine (printed above); 3.5 s leaves a loaded CI
      // machine its stalls and still catches waiting out the 5 s pool timeout
      assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(3_500));
      assertThat(ReplicaHealthTest.eligible(ds, "r1")).isTrue();
    }
  }

  @Test
  void fallbackFailNamesTheReplicasTriedAndWhyEachGaveNoConnection(PostgresCluster cluster) {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.fallback", "fail");
    props.setProperty("ballast.jdbc.replicas.r1.hikari.connectionInitSql", "SELECT 1/0");
    props.setProperty("ballast.jdbc.replicas.r2.hikari.connectionInitSql", "SELECT 1/0");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> read(cluster, ds)).getCause();
      System.out.printf("fallback=fail: %s%n", thrown);
      // The pool's last connection failure follows when HikariCP has recorded one.
      String tried =
          ", eligible, tried: no connection: pool 'test-db-%s' gave no connection within"
              + " 250ms with 0 of 4 open(: ERROR: division by zero)?";
      assertThat(thrown)
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageMatching(
              Pattern.quote(
                      "no replica of 'test-db' could take the read (fallback=fail): r1 ("
                          + cluster.node("r1").jdbcUrl()
                          + ", zone a): replica, lag ")
                  + "\\d+\\.\\d{3}s/\\d+ bytes"
                  + tried.formatted("r1")
                  + Pattern.quote(
                      "; r2 (" + cluster.node("r2").jdbcUrl() + ", zone b): replica, lag ")
                  + "\\d+\\.\\d{3}s/\\d+ bytes"
                  + tried.formatted("r2"));
      // two quarter-second pool waits, not two 5 s pool timeouts
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_500);
    }
  }

  /** Where a read through {@link RoutingDataSource#forReads()} ran; unchecked on failure. */
  private static String read(PostgresCluster cluster, RoutingDataSource ds) {
    try (Connection c = ds.forReads().getConnection()) {
      return nodeName(cluster, serverPort(c));
    } catch (SQLException e) {
      throw new IllegalStateException("failed: [" + e.getSQLState() + "] " + e.getMessage(), e);
    }
  }

  /**
   * Terminates every client session of {@code node} but the caller's, as a restart does, and waits
   * until they are gone.
   */
  private static void terminateClientSessions(PgNode node) throws SQLException {
    queryLong(
        node,
        "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
  }

  private static long count(Map<String, AtomicLong> byNode, String node) {
    AtomicLong n = byNode.get(node);
    return n == null ? 0 : n.get();
  }
}
