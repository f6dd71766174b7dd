package dev.ballast.jdbc;

import static dev.ballast.jdbc.MariaDbRouterSupport.appSessions;
import static dev.ballast.jdbc.MariaDbRouterSupport.execute;
import static dev.ballast.jdbc.MariaDbRouterSupport.nodeName;
import static dev.ballast.jdbc.MariaDbRouterSupport.properties;
import static dev.ballast.jdbc.MariaDbRouterSupport.route;
import static dev.ballast.jdbc.MariaDbRouterSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbClusterExtension;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL routing scenarios on a real MariaDB 11.4 primary and two GTID replicas (zones a,
 * a, b; this process in zone a): routing by the read-only flag and by Spring's read-only
 * transactions, pinning inside a transaction, lag exclusion, a stopped replica, and no connection
 * left behind. One cluster for the class; the extension undoes each test's faults.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MariaDbRoutingTest {
  @RegisterExtension
  static final MariaDbClusterExtension db =
      MariaDbClusterExtension.builder()
          .replicas(2)
          .zones("a", "a", "b")
          .databases("orders", "invoices")
          .build();

  private static final String PORT = "SELECT @@port";

  @Test
  void plainConnectionsGoToThePrimaryAndReadOnlyOnesToTheLocalReplica(MariaDbCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      assertThat(route(cluster, ds, false)).isEqualTo("primary");
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
      try (Connection c = ds.forReads().getConnection()) {
        assertThat(nodeName(cluster, serverPort(c))).isEqualTo("r1");
      }
      assertThat(ds.primaryHost()).contains("primary");
      assertThat(ds.eligibleReplicas()).containsExactly("r1", "r2");
    }
  }

  @Test
  void springReadOnlyTransactionsGoToAReplicaAndReadWriteOnesToThePrimary(MariaDbCluster cluster) {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate readOnly = new TransactionTemplate(tm);
      readOnly.setReadOnly(true);
      TransactionTemplate readWrite = new TransactionTemplate(tm);

      Integer readPort = readOnly.execute(s -> jdbc.queryForObject(PORT, Integer.class));
      Integer writePort = readWrite.execute(s -> jdbc.queryForObject(PORT, Integer.class));

      assertThat(nodeName(cluster, readPort)).isEqualTo("r1");
      assertThat(nodeName(cluster, writePort)).isEqualTo("primary");
      // Spring resets read-only after the transaction: the next plain use is read-write again
      assertThat(nodeName(cluster, jdbc.queryForObject(PORT, Integer.class))).isEqualTo("primary");
    }
  }

  @Test
  void aTransactionThatWroteNeverMovesToAReplica(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE pinned (id INT)");
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
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), @@port FROM pinned")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1); // the same, uncommitted transaction
        assertThat(nodeName(cluster, rs.getInt(2))).isEqualTo("primary");
      }
      c.rollback();
    }
  }

  @Test
  void aReplicaThatStopsApplyingGetsNoReadsOnceItsLagPassesTheMaximum(MariaDbCluster cluster)
      throws Exception {
    execute(cluster.primary(), "CREATE TABLE ticks (id INT AUTO_INCREMENT PRIMARY KEY)");
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.max-replica-lag", "1s");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      await().atMost(Duration.ofSeconds(15)).until(() -> ds.eligibleReplicas().contains("r1"));

      cluster.node("r1").pauseReplication();
      long paused = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                execute(cluster.primary(), "INSERT INTO ticks VALUES ()");
                return !ds.eligibleReplicas().contains("r1");
              });
      long excludedMillis = (System.nanoTime() - paused) / 1_000_000;
      System.out.printf(
          "[measured] mariadb r1 paused (STOP SLAVE SQL_THREAD): excluded from reads %d ms later"
              + " (max-replica-lag=1s, health-check.interval=200ms)%n",
          excludedMillis);
      // excluded for its lag, which the router bounds by when r1 was last seen caught up (plus
      // one interval), not for being unreachable
      assertThat(ds.describe())
          .containsPattern("r1 \\(.*not eligible: lag \\d+\\.\\d{3}s > max-replica-lag 1s");
      for (int i = 0; i < 10; i++) {
        assertThat(route(cluster, ds, true)).isEqualTo("r2");
      }

      cluster.node("r1").resumeReplication();
      await().atMost(Duration.ofSeconds(15)).until(() -> ds.eligibleReplicas().contains("r1"));
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
    }
  }

  @Test
  void anIdleCaughtUpReplicaIsNotLagging(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE idle (id INT)");
    execute(cluster.primary(), "INSERT INTO idle VALUES (1)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.max-replica-lag", "1s");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      // nothing is written for three times the maximum lag: the last commit grows old, the
      // replicas stay eligible with no lag
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> ds.eligibleReplicas().equals(List.of("r1", "r2")));
      assertThat(ds.worstReplicaLag()).isZero();
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
    }
  }

  @Test
  void readsLeaveAStoppedReplicaWithoutAFailedRead(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE stopped (id INT)");
    cluster.waitForReplication();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      await().atMost(Duration.ofSeconds(15)).until(() -> ds.eligibleReplicas().contains("r1"));
      assertThat(route(cluster, ds, true)).isEqualTo("r1");

      MariaDbNode r1 = cluster.node("r1");
      Thread stopper = new Thread(r1::stop, "stop-r1");
      stopper.start();
      List<String> served = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // reads all through the stop and until the router has moved off r1; every one must succeed
      while ((stopper.isAlive() || ds.eligibleReplicas().contains("r1"))
          && served.size() < 5_000
          && System.nanoTime() < deadline) {
        try (Connection c = ds.getConnection()) {
          c.setReadOnly(true);
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*), @@port FROM stopped")) {
            rs.next();
            served.add(nodeName(cluster, rs.getInt(2)));
          }
        }
      }
      stopper.join(30_000);
      System.out.printf(
          "[measured] mariadb r1 stopped under reads: %d reads, none failed (r1 %d, r2 %d,"
              + " primary %d)%n",
          served.size(),
          served.stream().filter("r1"::equals).count(),
          served.stream().filter("r2"::equals).count(),
          served.stream().filter("primary"::equals).count());
      assertThat(ds.eligibleReplicas()).containsExactly("r2");
      for (int i = 0; i < 10; i++) {
        assertThat(route(cluster, ds, true)).isEqualTo("r2");
      }
    }
  }

  @Test
  void mixedWorkLeavesNoSessionBehindOnAnyServer(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE churn (id INT, v INT)");
    cluster.waitForReplication();
    int poolSize = 4;
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      for (int i = 0; i < 600; i++) {
        int kind = i % 5;
        try (Connection c = kind == 0 ? ds.forReads().getConnection() : ds.getConnection()) {
          switch (kind) {
            case 0 -> count(c);
            case 1 -> {
              c.setReadOnly(true);
              count(c);
            }
            case 2, 3 -> {
              c.setAutoCommit(false);
              try (PreparedStatement p = c.prepareStatement("INSERT INTO churn VALUES (?, ?)")) {
                p.setInt(1, i);
                p.setInt(2, i);
                p.executeUpdate();
              }
              if (kind == 2) {
                c.commit();
              } // otherwise abandoned: closed without commit or rollback
            }
            default -> {
              try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class);
              }
            }
          }
        }
      }
      for (String host : ds.hostNames()) {
        HikariDataSource hikari = (HikariDataSource) ds.dataSource(host);
        assertThat(hikari.getHikariPoolMXBean().getActiveConnections())
            .as("active connections of %s", host)
            .isZero();
      }
      for (MariaDbNode node : cluster.nodes()) {
        // the pool plus the monitor's one probe connection
        assertThat(appSessions(node))
            .as("sessions on %s", node.name())
            .isLessThanOrEqualTo(poolSize + 1);
      }
    }
    for (MariaDbNode node : cluster.nodes()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(appSessions(node)).as("sessions on %s", node.name()).isZero());
    }
  }

  @Test
  void twoLogicalDatabasesOnOneClusterKeepOneProbeConnectionPerServer(MariaDbCluster cluster)
      throws Exception {
    try (RoutingDataSource orders = RoutingDataSource.fromProperties(logical(cluster, "orders"));
        RoutingDataSource invoices =
            RoutingDataSource.fromProperties(logical(cluster, "invoices"))) {
      assertThat(orders.eligibleReplicas()).containsExactly("r1", "r2");
      assertThat(invoices.eligibleReplicas()).containsExactly("r1", "r2");
      for (MariaDbNode node : cluster.nodes()) {
        // pools hold no idle connection (minimumIdle=0): what is left are probe connections, and
        // the server's one belongs to the router that came first
        assertThat(sessionsIn(node, "orders")).as("orders on %s", node.name()).isEqualTo(1);
        assertThat(sessionsIn(node, "invoices")).as("invoices on %s", node.name()).isZero();
      }
    }
  }

  private static Properties logical(MariaDbCluster cluster, String database) {
    Properties p = properties(cluster);
    p.setProperty("ballast.jdbc.name", database);
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl(database));
    for (MariaDbNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl(database));
    }
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "0");
    return p;
  }

  private static long sessionsIn(MariaDbNode node, String database) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '"
                    + database
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM churn")) {
      rs.next();
    }
  }
}
