package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read-your-writes=lsn when the application's sessions commit asynchronously ({@code
 * synchronous_commit = off}): a commit returns before its WAL is written, so a token taken from the
 * WAL write position can fall before the commit record, and a replica that reached such a token may
 * still lack the row.
 */
class AsyncCommitReadYourWritesTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  private static final int CYCLES = 400;

  @Test
  void lsnTokenCoversTheCommitRecordWhenCommitsAreAsynchronous(PostgresCluster cluster)
      throws Exception {
    // The testkit starts every server with synchronous_commit=on on the command line, which ALTER
    // SYSTEM cannot override; a database setting can, for every session opened afterwards.
    RouterTestSupport.execute(
        cluster.primary(),
        "ALTER DATABASE \"" + cluster.databaseName() + "\" SET synchronous_commit = off");
    // An asynchronous commit is written (and so streamed) by the WAL writer every wal_writer_delay:
    // 10 ms instead of the default 200 ms keeps the 400 cycles short; the window between a commit's
    // return and its write stays far longer than a read-back takes.
    RouterTestSupport.execute(cluster.primary(), "ALTER SYSTEM SET wal_writer_delay = '10ms'");
    RouterTestSupport.execute(cluster.primary(), "SELECT pg_reload_conf()");
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE async_ryw (id int PRIMARY KEY, v int)");
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // no lag limit: every read that avoids the replica does so for read-your-writes alone
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    // an asynchronous commit reaches the replica only once the WAL writer has written it: a read
    // waits for that and is still served there
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "2s");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("off");
      }
      int onReplica = 0;
      List<Integer> stale = new ArrayList<>();
      long start = System.nanoTime();
      for (int id = 1; id <= CYCLES; id++) {
        String node;
        // each cycle is a request: outside a scope the token would end with the writing connection
        try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0))) {
          write(ds, id);
          node = readBack(cluster, ds, id);
        }
        if (node == null) {
          stale.add(id);
        } else if (!node.equals("primary")) {
          onReplica++;
        }
      }
      System.out.printf(
          "[measured] lsn, synchronous_commit=off: %d of %d read-backs stale (first: %s),"
              + " %d on the replica, in %d ms%n",
          stale.size(),
          CYCLES,
          stale.subList(0, Math.min(10, stale.size())),
          onReplica,
          (System.nanoTime() - start) / 1_000_000);
      assertThat(stale).as("ids whose read-back missed the row").isEmpty();
      // the replica replays every flushed commit well within max-wait: reads stay on it
      assertThat(onReplica).isGreaterThanOrEqualTo(CYCLES * 9 / 10);
    }
  }

  private static void write(RoutingDataSource ds, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("INSERT INTO async_ryw VALUES (?, ?)")) {
      p.setInt(1, id);
      p.setInt(2, id);
      p.executeUpdate();
    }
  }

  /** The node that served the read-back of {@code id}, or null when the row was missing. */
  private static String readBack(PostgresCluster cluster, RoutingDataSource ds, int id)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      try (PreparedStatement p =
          c.prepareStatement("SELECT v, inet_server_port() FROM async_ryw WHERE id = ?")) {
        p.setInt(1, id);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? nodeName(cluster, rs.getInt(2)) : null;
        }
      }
    }
  }
}
