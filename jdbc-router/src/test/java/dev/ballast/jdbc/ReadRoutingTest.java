package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static dev.ballast.jdbc.RouterTestSupport.route;
import static dev.ballast.jdbc.RouterTestSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing against a real primary and two streaming replicas: r1 in this process's zone (a), r2 in
 * zone b.
 */
class ReadRoutingTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  @Test
  void plainConnectionsGoToThePrimaryAndReadOnlyOnesToTheLocalReplica(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.replicas.r2.hikari.maximumPoolSize", "2");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThat(route(cluster, ds, false)).isEqualTo("primary");
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
      try (Connection c = ds.forReads().getConnection()) {
        assertThat(c.isReadOnly()).isTrue();
        assertThat(nodeName(cluster, serverPort(c))).isEqualTo("r1");
      }
      // unwrap: this object, else the current primary's pool; replicas' pools by name
      assertThat(ds.unwrap(HikariDataSource.class)).isSameAs(ds.dataSource("primary"));
      assertThat(ds.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("test-db-primary");
      assertThat(ds.unwrap(RoutingDataSource.class)).isSameAs(ds);
      assertThat(ds.isWrapperFor(HikariDataSource.class)).isTrue();
      assertThat(ds.isWrapperFor(String.class)).isFalse();
      assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(SQLException.class);
      assertThat(((HikariDataSource) ds.dataSource("r2")).getMaximumPoolSize()).isEqualTo(2);
      assertThat(((HikariDataSource) ds.dataSource("r1")).getMaximumPoolSize()).isEqualTo(4);
      assertThat(((HikariDataSource) ds.dataSource("r1")).getPoolName()).isEqualTo("test-db-r1");
    }
  }

  @Test
  void leastRequestByDefaultSendsReadsToTheReplicaWithNothingInFlight(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    // both replicas in this process's zone: the default strategy alone chooses between them
    props.setProperty("ballast.jdbc.replicas.r2.zone", "a");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      for (int round = 0; round < 2; round++) {
        try (Connection held = ds.forReads().getConnection()) {
          // bound to a replica at its first statement, and in flight until closed
          String busy = nodeName(cluster, serverPort(held));
          String idle = busy.equals("r1") ? "r2" : "r1";
          List<String> reads = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            reads.add(route(cluster, ds, true));
          }
          assertThat(reads).as("reads while %s holds a connection", busy).containsOnly(idle);
        }
      }
      // nothing in flight: both replicas get reads again
      List<String> reads = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        reads.add(route(cluster, ds, true));
      }
      assertThat(reads).contains("r1", "r2");
    }
  }

  @Test
  void autoTopologyFindsThePrimaryWhicheverHostTheConfigurationNames(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    // a wrong guess: the "primary" is a replica and the real primary is listed as a replica
    props.setProperty("ballast.jdbc.primary.url", cluster.node("r1").jdbcUrl());
    props.setProperty("ballast.jdbc.replicas.r1.url", cluster.primary().jdbcUrl());
    props.setProperty("ballast.jdbc.topology", "auto");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThat(ds.primaryHost()).contains("r1"); // the host named r1 here is the real primary
      assertThat(route(cluster, ds, false)).isEqualTo("primary");
      // the configured "primary" (really replica r1) now serves reads
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
    }
  }

  @Test
  void settingsRecordedBeforeFirstUseAreAnsweredAndApplied(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(c.getAutoCommit()).isFalse();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT inet_server_port(), current_setting('transaction_isolation'),"
                      + " current_setting('transaction_read_only')")) {
        rs.next();
        assertThat(nodeName(cluster, rs.getInt(1))).isEqualTo("r1");
        assertThat(rs.getString(2)).isEqualTo("repeatable read");
        assertThat(rs.getString(3)).isEqualTo("on");
      }
      c.commit();
      // outside a transaction a change of role moves the connection
      c.setReadOnly(false);
      assertThat(nodeName(cluster, serverPort(c))).isEqualTo("primary");
    }
  }

  @Test
  void springReadOnlyTransactionsGoToAReplicaAndReadWriteOnesToThePrimary(PostgresCluster cluster) {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate readOnly = new TransactionTemplate(tm);
      readOnly.setReadOnly(true);
      TransactionTemplate readWrite = new TransactionTemplate(tm);

      Integer readPort =
          readOnly.execute(s -> jdbc.queryForObject("SELECT inet_server_port()", Integer.class));
      Integer writePort =
          readWrite.execute(s -> jdbc.queryForObject("SELECT inet_server_port()", Integer.class));

      assertThat(nodeName(cluster, readPort)).isEqualTo("r1");
      assertThat(nodeName(cluster, writePort)).isEqualTo("primary");
      // Spring resets read-only after the transaction: the next plain use is read-write again
      assertThat(nodeName(cluster, jdbc.queryForObject("SELECT inet_server_port()", Integer.class)))
          .isEqualTo("primary");
    }
  }

  @Test
  void aTransactionThatWroteNeverMovesToAReplica(PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE pinned (id int)");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO pinned VALUES (1)");
      }
      assertThatThrownBy(() -> c.setReadOnly(true))
          .isInstanceOf(SQLException.class)
          .hasMessage(
              "cannot switch to a replica inside a transaction: this connection is on the primary"
                  + " 'primary' and has run statements since the last commit or rollback; commit"
                  + " or roll back first, or call setReadOnly(true) before the transaction's first"
                  + " statement")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("25001");
      assertThat(c.isReadOnly()).isFalse();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), inet_server_port() FROM pinned")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1); // still inside the same transaction
        assertThat(nodeName(cluster, rs.getInt(2))).isEqualTo("primary");
      }
      c.rollback();
    }
  }

  @Test
  void metersAreRecordedAsNamedAndRemovedOnClose(PostgresCluster cluster) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster), registry)) {
      route(cluster, ds, false);
      route(cluster, ds, true);
      route(cluster, ds, true);
      assertThat(
              registry
                  .get("ballast.jdbc.routes")
                  .tags("name", "test-db", "route", "primary", "reason", "write")
                  .counter()
                  .count())
          .isEqualTo(1.0);
      assertThat(
              registry
                  .get("ballast.jdbc.routes")
                  .tags("route", "replica", "reason", "read")
                  .counter()
                  .count())
          .isEqualTo(2.0);
      assertThat(registry.get("ballast.jdbc.routes").counters()).hasSize(4);
      assertThat(registry.get("ballast.jdbc.replica.eligible").gauge().value()).isEqualTo(2.0);
      // r1 is eligible (above), so its lag gauge reads seconds within the default 5 s
      // max-replica-lag: not NaN, not bytes, not a stale "unknown"
      assertThat(registry.get("ballast.jdbc.replica.lag").tag("replica", "r1").gauge().value())
          .isBetween(0.0, 5.0);
      assertThat(registry.get("ballast.jdbc.replica.lag").gauges()).hasSize(2);
      assertThat(registry.get("hikaricp.connections.active").tag("pool", "test-db-r2").gauge())
          .isNotNull();
      assertThat(registry.get("hikaricp.connections").gauges()).hasSize(3);
    }
    assertThat(registry.find("ballast.jdbc.routes").counters()).isEmpty();
    assertThat(registry.find("ballast.jdbc.replica.lag").gauges()).isEmpty();
    assertThat(registry.find("ballast.jdbc.replica.eligible").gauges()).isEmpty();
    assertThat(registry.find("hikaricp.connections").gauges()).isEmpty();
  }

  @Test
  void mixedLoadWithFailingStatementsFromFourThreadsLeavesNoConnectionBehind(
      PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE churn (id int, v int)");
    Properties props = properties(cluster);
    // tells this router's backends from those of earlier tests that are still closing
    props.setProperty("ballast.jdbc.hikari.dataSource.ApplicationName", "churn");
    int poolSize = 4;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> churn(ds, thread, 2_500)));
      }
      int done = 0;
      for (Future<Integer> f : futures) {
        done += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(done).isEqualTo(10_000);
      for (String host : ds.hostNames()) {
        HikariDataSource hikari = (HikariDataSource) ds.dataSource(host);
        assertThat(hikari.getHikariPoolMXBean().getActiveConnections())
            .as("active connections of %s", host)
            .isZero();
      }
      for (PgNode node : cluster.nodes()) {
        long backends =
            queryLong(
                node,
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND application_name = 'churn'");
        // the pool plus the monitor's one probe connection
        assertThat(backends)
            .as("client backends on %s", node.name())
            .isLessThanOrEqualTo(poolSize + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int churn(RoutingDataSource ds, int thread, int cycles) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int done = 0;
    for (int i = 0; i < cycles; i++) {
      int kind = random.nextInt(7);
      try (Connection c =
          kind == 0 || kind == 5 ? ds.forReads().getConnection() : ds.getConnection()) {
        switch (kind) {
          case 0 -> count(c);
          case 1 -> {
            c.setReadOnly(true);
            count(c);
          }
          case 2 -> {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO churn VALUES (?, ?)")) {
              p.setInt(1, thread);
              p.setInt(2, i);
              p.executeUpdate();
            }
            if (random.nextBoolean()) {
              c.commit();
            } else {
              c.rollback();
            }
          }
          case 3 -> {
            // abandoned half-way: a statement made, then the connection closed without commit
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.executeUpdate("INSERT INTO churn VALUES (-1, -1)");
          }
          case 4 -> {
            // a failing write in auto-commit on the primary
            expectUndefinedTable(() -> c.createStatement().executeUpdate("DELETE FROM nope"));
          }
          case 5 -> {
            // a failing read on a replica: not a connection failure, so not run again elsewhere
            expectUndefinedTable(() -> c.createStatement().executeQuery("SELECT * FROM nope"));
          }
          default -> {
            // an error inside a transaction, then rollback; the connection is used again after
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO churn VALUES (?, ?)")) {
              p.setInt(1, thread);
              p.setInt(2, -i);
              p.executeUpdate();
            }
            expectUndefinedTable(() -> c.createStatement().executeQuery("SELECT * FROM nope"));
            c.rollback();
            count(c);
            c.commit();
          }
        }
      }
      done++;
    }
    return done;
  }

  /** A statement that must fail with SQLState 42P01 (undefined table). */
  interface SqlAction {
    void run() throws SQLException;
  }

  private static void expectUndefinedTable(SqlAction action) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("42P01");
  }

  private static void count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM churn")) {
      rs.next();
    }
  }
}
