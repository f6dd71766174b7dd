package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server round trips per unit of work with {@code read-your-writes=lsn}, counted on the primary's
 * (and a replica's) connections: the WAL position is read once per commit of a transaction that
 * wrote, and for auto-commit writes only once a read or an exported token needs it, never after a
 * read.
 */
class RoundTripsTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  private static final int READS = 50;

  private static RoutingDataSource router(PostgresCluster cluster, CountingDataSource primary) {
    return RoutingDataSource.builder()
        .name("round-trips")
        .primary(primary)
        .replica("r1", cluster.node("r1").dataSource(), "a")
        .zone("a")
        .readYourWrites(ReadYourWrites.LSN)
        .readYourWritesMaxWait(Duration.ofSeconds(2))
        .healthCheckInterval(Duration.ofMillis(200))
        .build();
  }

  @Test
  void anAutoCommitSelectOnAReadWriteConnectionCostsNoPositionQuery(PostgresCluster cluster)
      throws Exception {
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      for (int i = 0; i < READS; i++) {
        try (Connection c = ds.getConnection();
            PreparedStatement p = c.prepareStatement("SELECT ?::int")) {
          p.setInt(1, i);
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
      assertThat(primary.positionQueries()).isZero();
      assertThat(primary.executions()).hasSize(READS);
      assertThat(ds.currentToken()).isEmpty();
    }
  }

  @Test
  void aWriteThenCommitCostsExactlyOnePositionQuery(PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_tx (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      // a request's scope: outside one, the token would end with the writing connection
      try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0))) {
        try (Connection c = ds.getConnection()) {
          c.setAutoCommit(false);
          try (PreparedStatement p = c.prepareStatement("INSERT INTO rt_tx VALUES (?)")) {
            for (int id = 1; id <= 3; id++) {
              p.setInt(1, id);
              p.executeUpdate();
            }
          }
          assertThat(primary.positionQueries()).as("before the commit").isZero();
          c.commit();
          assertThat(primary.positionQueries()).as("after the commit").isEqualTo(1);
        }
        assertThat(primary.positionQueries()).as("after close").isEqualTo(1);
        assertThat(primary.executions()).hasSize(4);
        assertThat(ds.currentToken()).isPresent();
        assertThat(readBack(ds, "rt_tx", 3)).isTrue();
      }
    }
  }

  @Test
  void autoCommitWritesCostOnePositionQueryOnlyWhenAReadOrTheTokenNeedsIt(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_auto (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      // outside a scope the token ends with the writing connection: its position is never read
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO rt_auto VALUES (1)");
      }
      assertThat(primary.positionQueries()).as("outside a scope").isZero();
      assertThat(ds.currentToken()).isEmpty();

      try (ConsistencyScope request = ds.newScope()) {
        try (Connection c = ds.getConnection();
            Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO rt_auto VALUES (2)");
          s.execute("INSERT INTO rt_auto VALUES (3)");
          try (ResultSet rs = s.executeQuery("INSERT INTO rt_auto VALUES (4) RETURNING id")) {
            assertThat(rs.next()).isTrue();
          }
          assertThat(primary.positionQueries()).as("while the connection is held").isZero();
        }
        assertThat(primary.positionQueries()).as("after release").isZero();
        assertThat(readBack(ds, "rt_auto", 4)).isTrue();
        assertThat(primary.positionQueries()).as("taken for the read").isEqualTo(1);
        assertThat(ds.currentToken()).isPresent();
        assertThat(primary.positionQueries()).as("once").isEqualTo(1);
        assertThat(primary.executions()).hasSize(5);
      }
    }
  }

  @Test
  void anExportedTokenCoversTheWritesOfClosedConnections(PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_export (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      long before;
      try (ConsistencyScope request = ds.newScope()) {
        before = ds.currentToken().orElseThrow().lsn();
        try (Connection c = ds.getConnection();
            Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO rt_export VALUES (1)");
        }
        long after = ds.currentToken().orElseThrow().lsn();
        assertThat(primary.positionQueries()).isEqualTo(1);
        long written =
            RouterTestSupport.queryLong(
                cluster.primary(),
                "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
        assertThat(after).isGreaterThan(before).isLessThanOrEqualTo(written);
      }
    }
  }

  @Test
  void aReadOfTheSameThreadTakesTheOwedPositionBeforeTheWriterIsReleased(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_held (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      cluster.node("r1").pauseReplay();
      try (Connection writer = ds.getConnection();
          Statement s = writer.createStatement()) {
        s.executeUpdate("INSERT INTO rt_held VALUES (1)");
        // replay paused: only the token keeps this read off r1, which lacks the row
        assertThat(readBack(ds, "rt_held", 1)).isTrue();
        assertThat(primary.positionQueries()).isEqualTo(1);
      } finally {
        cluster.node("r1").resumeReplay();
      }
      assertThat(primary.positionQueries()).as("taken once, not again at release").isEqualTo(1);
    }
  }

  /**
   * The default {@code max-wait=0}: a read right after the write costs no question to a replica (it
   * goes to the primary); a later one asks the replica once and reads there; a read after that,
   * whose token the replica is known to have replayed, asks nothing. The health interval is long
   * enough that no probe round raises what is known of the replica during the test.
   */
  @Test
  void withoutMaxWaitAReadBackCostsOneQuestionToAReplicaAtMost(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_nowait (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    CountingDataSource replica = new CountingDataSource(cluster.node("r1").dataSource());
    AtomicLong now = new AtomicLong(1_000_000_000L);
    try (RoutingDataSource ds =
            RoutingDataSource.builder()
                .name("round-trips-nowait")
                .primary(primary)
                .replica("r1", replica, "a")
                .zone("a")
                .readYourWrites(ReadYourWrites.LSN)
                .maxReplicaLag(Duration.ZERO)
                .healthCheckInterval(Duration.ofMinutes(10))
                .ticker(now::get)
                .build();
        ConsistencyScope request = ds.newScope()) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO rt_nowait VALUES (1)");
      }
      assertThat(primary.executions()).as("the write; its position is not read yet").hasSize(1);

      assertThat(readBackNode(cluster, ds, "rt_nowait", 1)).isEqualTo("primary");
      assertThat(primary.executions()).as("the read, on the primary").hasSize(2);
      assertThat(replica.executions()).as("no question to the replica").isEmpty();

      // r1 has replayed the token (the WAL insert position, which can lie a little past what
      // waitForReplication waits for); asked directly, not through the counted data source
      long token = ds.currentToken().orElseThrow().lsn();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  RouterTestSupport.queryLong(
                          cluster.node("r1"),
                          "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint")
                      >= token);
      now.addAndGet(Duration.ofSeconds(1).toNanos()); // the write is no longer a moment old
      assertThat(readBackNode(cluster, ds, "rt_nowait", 1)).isEqualTo("r1");
      assertThat(replica.executions()).as("one question, then the read").hasSize(2);
      assertThat(replica.executions().get(0)).contains("pg_last_wal_replay_lsn");

      assertThat(readBackNode(cluster, ds, "rt_nowait", 1)).isEqualTo("r1");
      assertThat(replica.executions())
          .as("the replica is known to have replayed the token: the read alone")
          .hasSize(3);
      assertThat(primary.executions())
          .as("the position, read once for the token (currentToken above), nothing more")
          .hasSize(3);
      assertThat(primary.positionQueries()).isEqualTo(1);
    }
  }

  /**
   * The node that served the read-back of {@code id}, or {@code "stale"} when the row was not
   * there.
   */
  private static String readBackNode(
      PostgresCluster cluster, RoutingDataSource ds, String table, int id) throws SQLException {
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT inet_server_port() FROM " + table + " WHERE id = ?")) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? RouterTestSupport.nodeName(cluster, rs.getInt(1)) : "stale";
      }
    }
  }

  private static boolean readBack(RoutingDataSource ds, String table, int id) throws SQLException {
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }
}
