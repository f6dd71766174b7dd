package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server round trips per unit of work with {@code read-your-writes=lsn}, counted on the primary's
 * connections: the WAL position is read once per commit that wrote (or per release of a connection
 * whose auto-commit writes committed), never after a read.
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
  void autoCommitWritesCostOnePositionQueryWhenTheConnectionIsReleased(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE rt_auto (id int PRIMARY KEY)");
    CountingDataSource primary = new CountingDataSource(cluster.primary().dataSource());
    try (RoutingDataSource ds = router(cluster, primary)) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO rt_auto VALUES (1)");
        s.execute("INSERT INTO rt_auto VALUES (2)");
        try (ResultSet rs = s.executeQuery("INSERT INTO rt_auto VALUES (3) RETURNING id")) {
          assertThat(rs.next()).isTrue();
        }
        assertThat(primary.positionQueries()).as("while the connection is held").isZero();
      }
      assertThat(primary.positionQueries()).as("after release").isEqualTo(1);
      assertThat(primary.executions()).hasSize(4);
      assertThat(readBack(ds, "rt_auto", 3)).isTrue();
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
