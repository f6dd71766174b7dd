package dev.ballast.testkit;

import static dev.ballast.testkit.MariaDbTestSupport.execute;
import static dev.ballast.testkit.MariaDbTestSupport.queryString;
import static dev.ballast.testkit.MariaDbTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One real MariaDB primary and two GTID replicas, with two extra databases, shared by every test;
 * the extension undoes each test's faults. Every test writes to its own table. The promotion runs
 * last because it cannot be undone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbClusterTest {

  @RegisterExtension
  static final MariaDbClusterExtension db =
      MariaDbClusterExtension.builder()
          .replicas(2)
          .zones("a", "a", "b")
          .databases("orders", "invoices")
          .build();

  @Test
  @Order(1)
  void nodesHaveNamesZonesLoopbackUrlsAndRoles() {
    MariaDbCluster cluster = db.cluster();

    assertThat(cluster.nodes())
        .extracting(MariaDbNode::name)
        .containsExactly("primary", "r1", "r2");
    assertThat(cluster.nodes()).extracting(MariaDbNode::zone).containsExactly("a", "a", "b");
    assertThat(cluster.nodes().stream().map(MariaDbNode::port).distinct()).hasSize(3);
    assertThat(cluster.replicas()).containsExactly(cluster.node("r1"), cluster.node("r2"));
    assertThat(cluster.currentPrimary()).isSameAs(cluster.primary());
    for (MariaDbNode node : cluster.nodes()) {
      assertThat(node.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + node.port() + "/app");
      assertThat(node.user()).isEqualTo("app");
      assertThat(node.isRunning()).isTrue();
      assertThat(
              queryString(
                  node,
                  "app",
                  "SELECT CONCAT(DATABASE(), ' ', @@bind_address, ' ',"
                      + " @@gtid_strict_mode, ' ', @@log_bin, ' ', CURRENT_USER())"))
          .isEqualTo("app 127.0.0.1 ON ON app@%");
    }
    assertThat(cluster.primary().isReadOnly()).isFalse();
    assertThat(cluster.primary().isReplica()).isFalse();
    assertThat(cluster.replicas())
        .allMatch(MariaDbNode::isReadOnly)
        .allMatch(MariaDbNode::isReplica);
    assertThatThrownBy(() -> cluster.node("r3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name: r3 (expected: one of [primary, r1, r2])");
  }

  @Test
  @Order(2)
  void writesReachEveryReplicaAtTheSameGtidPosition() {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE gtid_t (id INT PRIMARY KEY)");
    execute(cluster.primary(), "INSERT INTO gtid_t VALUES (1), (2), (3)");

    cluster.waitForReplication();

    String position = cluster.primary().gtidPosition();
    assertThat(position).matches("0-1-\\d+");
    for (MariaDbNode replica : cluster.replicas()) {
      assertThat(rows(replica, "gtid_t")).isEqualTo(3);
      assertThat(replica.gtidPosition()).isEqualTo(position);
    }
  }

  @Test
  @Order(3)
  void replicasRejectApplicationWritesWhileReadOnly() {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE ro_t (id INT PRIMARY KEY)");
    cluster.waitForReplication();

    assertThatThrownBy(
            () -> {
              try (Connection c = cluster.node("r1").dataSource().getConnection();
                  Statement s = c.createStatement()) {
                s.execute("INSERT INTO ro_t VALUES (1)");
              }
            })
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1290))
        .hasMessageContaining("--read-only");
  }

  @Test
  @Order(4)
  void pausedReplicaStaysStaleUntilResumed() {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE pause_t (id INT PRIMARY KEY)");
    cluster.waitForReplication();
    MariaDbNode r1 = cluster.node("r1");

    r1.pauseReplication();
    execute(cluster.primary(), "INSERT INTO pause_t VALUES (1)");
    cluster.waitForReplication(); // skips the paused r1

    assertThat(r1.isReplicationPaused()).isTrue();
    assertThat(rows(cluster.node("r2"), "pause_t")).isEqualTo(1);
    assertThat(rows(r1, "pause_t")).isZero();

    r1.resumeReplication();
    cluster.waitForReplication();
    assertThat(r1.isReplicationPaused()).isFalse();
    assertThat(rows(r1, "pause_t")).isEqualTo(1);
    assertThatThrownBy(() -> cluster.primary().pauseReplication())
        .isInstanceOf(MariaDbClusterException.class)
        .hasMessage("primary: pauseReplication needs a replica, but primary is a primary");
  }

  @Test
  @Order(5)
  void replicaLeftPausedIsResumedBeforeTheNextTest() {
    db.node("r2").pauseReplication();
    assertThat(db.node("r2").isReplicationPaused()).isTrue();
  }

  @Test
  @Order(6)
  void faultsOfThePreviousTestWereUndone() {
    assertThat(db.node("r2").isReplicationPaused()).isFalse();
    assertThat(db.cluster().isTopologyChanged()).isFalse();
  }

  @Test
  @Order(7)
  void applyDelayHoldsTransactionsBackUntilTheDelayPassed() {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE delay_t (id INT PRIMARY KEY)");
    cluster.waitForReplication();
    MariaDbNode r2 = cluster.node("r2");

    r2.applyDelay(Duration.ofSeconds(5));
    execute(cluster.primary(), "INSERT INTO delay_t VALUES (1)");

    assertThat(queryString(r2, "app", "SELECT COUNT(*) FROM delay_t")).isEqualTo("0");
    assertThat(r2.isReplicationPaused()).isFalse();
    cluster.waitForReplication(Duration.ofSeconds(30)); // waits for the delayed replica too
    assertThat(rows(r2, "delay_t")).isEqualTo(1);
    assertThatThrownBy(() -> r2.applyDelay(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay: PT1.5S (expected: zero or a positive whole number of seconds)");
  }

  @Test
  @Order(8)
  void stoppedNodesComeBackOnTheirPortWithTheirData() throws SQLException {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE restart_t (id INT PRIMARY KEY)");
    cluster.waitForReplication();
    MariaDbNode r1 = cluster.node("r1");
    int port = r1.port();

    r1.stop();
    assertThat(r1.isRunning()).isFalse();
    assertThatThrownBy(() -> r1.dataSource().getConnection()).isInstanceOf(SQLException.class);
    execute(cluster.primary(), "INSERT INTO restart_t VALUES (1)");
    r1.start();
    cluster.waitForReplication();
    assertThat(r1.port()).isEqualTo(port);
    assertThat(r1.isReadOnly()).isTrue();
    assertThat(rows(r1, "restart_t")).isEqualTo(1);

    // the replicas reconnect to a restarted primary by themselves
    cluster.primary().stop();
    cluster.primary().start();
    execute(cluster.primary(), "INSERT INTO restart_t VALUES (2)");
    cluster.waitForReplication();
    assertThat(cluster.replicas()).allMatch(r -> rows(r, "restart_t") == 2);
  }

  @Test
  @Order(9)
  void extraDatabasesExistAndReplicateOnEveryNode() {
    MariaDbCluster cluster = db.cluster();
    assertThat(cluster.databaseNames()).containsExactly("app", "orders", "invoices");
    execute(cluster.primary(), "orders", "CREATE TABLE o (id INT PRIMARY KEY)");
    execute(cluster.primary(), "invoices", "CREATE TABLE i (id INT PRIMARY KEY)");
    execute(cluster.primary(), "orders", "INSERT INTO o VALUES (1), (2)");
    execute(cluster.primary(), "invoices", "INSERT INTO i VALUES (1)");
    cluster.waitForReplication();

    for (MariaDbNode node : cluster.nodes()) {
      assertThat(node.jdbcUrl("orders"))
          .isEqualTo("jdbc:mariadb://127.0.0.1:" + node.port() + "/orders");
      assertThat(queryString(node, "orders", "SELECT CONCAT(DATABASE(), COUNT(*)) FROM o"))
          .isEqualTo("orders2");
      assertThat(queryString(node, "invoices", "SELECT CONCAT(DATABASE(), COUNT(*)) FROM i"))
          .isEqualTo("invoices1");
    }
    assertThatThrownBy(() -> cluster.primary().dataSource("billing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database: billing (expected: one of [app, orders, invoices])");
  }

  @Test
  @Order(10)
  void promotionMakesTheReplicaWritableAndEveryOtherNodeItsReplica() {
    MariaDbCluster cluster = db.cluster();
    execute(cluster.primary(), "CREATE TABLE promote_t (id INT PRIMARY KEY)");
    execute(cluster.primary(), "INSERT INTO promote_t VALUES (1)");
    cluster.waitForReplication();
    MariaDbNode r1 = cluster.node("r1");
    MariaDbNode r2 = cluster.node("r2");

    cluster.primary().stop();
    cluster.promote(r1);

    assertThat(cluster.currentPrimary()).isSameAs(r1);
    assertThat(cluster.isTopologyChanged()).isTrue();
    assertThat(r1.isReadOnly()).isFalse();
    assertThat(r1.isReplica()).isFalse();
    execute(r1, "INSERT INTO promote_t VALUES (2)");
    cluster.waitForReplication();
    assertThat(rows(r2, "promote_t")).isEqualTo(2);
    assertThat(r2.isReadOnly()).isTrue();

    // the old primary, started again, follows the new one instead of taking writes
    cluster.primary().start();
    cluster.waitForReplication();
    assertThat(cluster.primary().isReadOnly()).isTrue();
    assertThat(cluster.primary().isReplica()).isTrue();
    assertThat(rows(cluster.primary(), "promote_t")).isEqualTo(2);
    assertThatThrownBy(() -> cluster.promote(r1))
        .isInstanceOf(MariaDbClusterException.class)
        .hasMessage("r1 is already the primary");
  }
}
