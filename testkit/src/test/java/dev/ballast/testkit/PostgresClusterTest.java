package dev.ballast.testkit;

import static dev.ballast.testkit.PgTestSupport.await;
import static dev.ballast.testkit.PgTestSupport.execute;
import static dev.ballast.testkit.PgTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One real primary and two streaming replicas shared by every test; the extension undoes each
 * test's faults. Every test writes to its own table.
 */
class PostgresClusterTest {

  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder()
          .replicas(2)
          .zones("a", "a", "b")
          .databases("orders", "invoices")
          .build();

  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

  @Test
  void nodesHaveNamesZonesAndLoopbackUrlsOnDistinctPorts() throws SQLException {
    PostgresCluster cluster = pg.cluster();

    assertThat(cluster.nodes()).extracting(PgNode::name).containsExactly("primary", "r1", "r2");
    assertThat(cluster.nodes()).extracting(PgNode::zone).containsExactly("a", "a", "b");
    assertThat(cluster.nodes().stream().map(PgNode::port).distinct()).hasSize(3);
    assertThat(cluster.replicas()).containsExactly(cluster.node("r1"), cluster.node("r2"));
    assertThat(cluster.primary()).isSameAs(cluster.node("primary"));
    for (PgNode node : cluster.nodes()) {
      assertThat(node.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + node.port() + "/app");
      assertThat(node.user()).isEqualTo("postgres");
      assertThat(node.isRunning()).isTrue();
      try (Connection c = node.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT current_database(), current_setting('synchronous_commit'),"
                      + " current_setting('listen_addresses')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("app");
        assertThat(rs.getString(2)).isEqualTo("on");
        assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
      }
    }
    assertThat(cluster.primary().isInRecovery()).isFalse();
    assertThat(cluster.replicas()).allMatch(PgNode::isInRecovery);
    assertThatThrownBy(() -> cluster.node("r3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name: r3 (expected: one of [primary, r1, r2])");
  }

  @Test
  void rowWrittenOnPrimaryBecomesVisibleOnEveryReplica() {
    PostgresCluster cluster = pg.cluster();
    execute(cluster.primary(), "CREATE TABLE visible (id int)");
    execute(cluster.primary(), "INSERT INTO visible VALUES (1)");
    long written = cluster.primary().replayLsn();

    cluster.waitForReplication();

    for (PgNode replica : cluster.replicas()) {
      assertThat(rows(replica, "visible")).as(replica.name()).isEqualTo(1);
      assertThat(replica.replayLsn()).as(replica.name()).isGreaterThanOrEqualTo(written);
    }
  }

  @Test
  void pausedReplicaHidesNewRowsUntilReplayResumes() {
    PostgresCluster cluster = pg.cluster();
    PgNode r1 = cluster.node("r1");
    PgNode r2 = cluster.node("r2");
    execute(cluster.primary(), "CREATE TABLE paused (id int)");
    cluster.waitForReplication();

    r1.pauseReplay();
    execute(cluster.primary(), "INSERT INTO paused VALUES (1)");
    cluster.waitForReplication(); // skips the paused r1; r2 catching up proves the WAL was sent

    assertThat(r1.isReplayPaused()).isTrue();
    assertThat(rows(r2, "paused")).isEqualTo(1);
    assertThat(rows(r1, "paused")).isZero();
    assertThat(r1.replayLsn()).isLessThan(cluster.primary().replayLsn());

    r1.resumeReplay();

    assertThat(r1.isReplayPaused()).isFalse();
    await("row visible on r1 after resume", VISIBLE_WITHIN, () -> rows(r1, "paused") == 1);
  }

  @Test
  void applyDelayHoldsBackVisibilityOnThatReplicaOnly() {
    PostgresCluster cluster = pg.cluster();
    PgNode delayed = cluster.node("r1");
    PgNode prompt = cluster.node("r2");
    // 5 s: a prompt replica on a loaded CI machine can take a second or two to show a row, and
    // "prompt" only has to mean "well before the delay"
    Duration delay = Duration.ofSeconds(5);
    execute(cluster.primary(), "CREATE TABLE delayed (id int)");
    cluster.waitForReplication();

    delayed.applyDelay(delay);
    long beforeCommit = System.nanoTime();
    execute(cluster.primary(), "INSERT INTO delayed VALUES (1)");
    await("row visible on r2", VISIBLE_WITHIN, () -> rows(prompt, "delayed") == 1);
    long promptNanos = System.nanoTime() - beforeCommit;
    await("row visible on r1", delay.plus(VISIBLE_WITHIN), () -> rows(delayed, "delayed") == 1);
    long delayedNanos = System.nanoTime() - beforeCommit;

    // the delay counts from the commit timestamp, which is after beforeCommit
    assertThat(TimeUnit.NANOSECONDS.toMillis(delayedNanos))
        .isGreaterThanOrEqualTo(delay.toMillis());
    assertThat(TimeUnit.NANOSECONDS.toMillis(promptNanos)).isLessThan(delay.toMillis());

    delayed.applyDelay(Duration.ZERO);
    long beforeSecondCommit = System.nanoTime();
    execute(cluster.primary(), "INSERT INTO delayed VALUES (2)");
    await("second row visible on r1", VISIBLE_WITHIN, () -> rows(delayed, "delayed") == 2);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeSecondCommit))
        .isLessThan(delay.toMillis());
  }

  @Test
  void waitForReplicationNamesTheLaggingReplicaWhenItTimesOut() {
    PostgresCluster cluster = pg.cluster();
    execute(cluster.primary(), "CREATE TABLE lagging (id int)");
    cluster.waitForReplication();
    cluster.node("r2").applyDelay(Duration.ofSeconds(30));
    execute(cluster.primary(), "INSERT INTO lagging VALUES (1)");
    // r1 has caught up before the 300 ms wait starts, so only r2 can be named, however slowly r1
    // streams on a loaded machine
    long primaryLsn = lsn(cluster.primary(), "pg_current_wal_lsn()");
    await(
        "r1 replayed the insert",
        VISIBLE_WITHIN,
        () -> lsn(cluster.node("r1"), "pg_last_wal_replay_lsn()") >= primaryLsn);

    assertThatThrownBy(() -> cluster.waitForReplication(Duration.ofMillis(300)))
        .isInstanceOf(PgClusterException.class)
        .hasMessageStartingWith("waitForReplication: after 300ms the primary is at ")
        .hasMessageContaining("but r2 has replayed only ")
        .hasMessageNotContaining("r1")
        .hasMessageEndingWith("(expected: every running, unpaused replica at or past the primary)");
  }

  /** A WAL position of {@code node} ({@code function}) in bytes. */
  private static long lsn(PgNode node, String function) {
    return PgTestSupport.queryLong(node, "SELECT (" + function + " - '0/0'::pg_lsn)::bigint");
  }

  @Test
  void stoppedReplicaRefusesConnectionsAndComesBackOnTheSamePortWithItsData() {
    PostgresCluster cluster = pg.cluster();
    PgNode r2 = cluster.node("r2");
    int port = r2.port();
    execute(cluster.primary(), "CREATE TABLE restarted_replica (id int)");
    execute(cluster.primary(), "INSERT INTO restarted_replica VALUES (1)");
    cluster.waitForReplication();

    r2.stop();

    assertThat(r2.isRunning()).isFalse();
    assertThatThrownBy(() -> r2.dataSource().getConnection())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refused");
    execute(cluster.primary(), "INSERT INTO restarted_replica VALUES (2)");
    cluster.waitForReplication(); // skips the stopped r2

    r2.start();

    assertThat(r2.isRunning()).isTrue();
    assertThat(r2.port()).isEqualTo(port);
    assertThat(r2.isInRecovery()).isTrue();
    assertThat(rows(r2, "restarted_replica")).isBetween(1L, 2L);
    cluster.waitForReplication();
    assertThat(rows(r2, "restarted_replica")).isEqualTo(2);
  }

  @Test
  void stoppedPrimaryComesBackWritableOnTheSamePortWhileReplicasKeepServingReads() {
    PostgresCluster cluster = pg.cluster();
    PgNode primary = cluster.primary();
    int port = primary.port();
    execute(primary, "CREATE TABLE restarted_primary (id int)");
    execute(primary, "INSERT INTO restarted_primary VALUES (1)");
    cluster.waitForReplication();

    primary.stop();

    assertThatThrownBy(() -> primary.dataSource().getConnection())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refused");
    assertThatThrownBy(cluster::waitForReplication)
        .isInstanceOf(PgClusterException.class)
        .hasMessage("waitForReplication: primary is stopped (expected: a running primary)");
    assertThat(rows(cluster.node("r1"), "restarted_primary")).isEqualTo(1);

    primary.start();

    assertThat(primary.port()).isEqualTo(port);
    assertThat(primary.isInRecovery()).isFalse();
    execute(primary, "INSERT INTO restarted_primary VALUES (2)");
    cluster.waitForReplication();
    List<Long> replicaRows =
        cluster.replicas().stream()
            .map(r -> rows(r, "restarted_primary"))
            .collect(Collectors.toList());
    assertThat(replicaRows).containsExactly(2L, 2L);
  }

  @Test
  void replicaControlsOnThePrimaryFailWithTheNodeName() {
    PgNode primary = pg.primary();

    assertThatThrownBy(primary::pauseReplay)
        .isInstanceOf(PgClusterException.class)
        .hasMessage("primary: pauseReplay needs a replica, but the node is not in recovery");
    assertThatThrownBy(primary::promote)
        .isInstanceOf(PgClusterException.class)
        .hasMessage("primary: promote needs a replica, but the node is not in recovery");
    assertThatThrownBy(() -> primary.applyDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay: PT-0.001S (expected: zero or positive)");
  }

  @Test
  void extraDatabasesExistOnEveryNodeAndReplicate() throws SQLException {
    PostgresCluster cluster = pg.cluster();
    assertThat(cluster.databaseNames()).containsExactly("app", "orders", "invoices");
    try (Connection c = cluster.primary().dataSource("orders").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE o (id int PRIMARY KEY)");
      s.execute("INSERT INTO o VALUES (1), (2)");
    }
    try (Connection c = cluster.primary().dataSource("invoices").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE i (id int PRIMARY KEY)");
      s.execute("INSERT INTO i VALUES (1)");
    }
    cluster.waitForReplication();

    for (PgNode node : cluster.nodes()) {
      assertThat(node.jdbcUrl("orders"))
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + node.port() + "/orders");
      assertThat(node.dataSource("app")).isSameAs(node.dataSource());
      assertThat(countIn(node, "orders", "o")).isEqualTo("orders 2");
      assertThat(countIn(node, "invoices", "i")).isEqualTo("invoices 1");
    }
    assertThatThrownBy(() -> cluster.primary().dataSource("billing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database: billing (expected: one of [app, orders, invoices])");
  }

  private static String countIn(PgNode node, String database, String table) throws SQLException {
    try (Connection c = node.dataSource(database).getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT current_database() || ' ' || count(*) FROM " + table)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
