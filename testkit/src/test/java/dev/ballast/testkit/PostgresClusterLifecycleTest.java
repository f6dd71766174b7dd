package dev.ballast.testkit;

import static dev.ballast.testkit.PgTestSupport.execute;
import static dev.ballast.testkit.PgTestSupport.processesMentioning;
import static dev.ballast.testkit.PgTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Clusters a test changes for good (promotion, close) get their own cluster. */
class PostgresClusterLifecycleTest {

  @Test
  void promoteTurnsTheReplicaIntoAWritablePrimary() {
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode r1 = cluster.node("r1");
      execute(cluster.primary(), "CREATE TABLE promoted (id int)");
      cluster.waitForReplication();
      assertThat(r1.isInRecovery()).isTrue();
      assertThatThrownBy(() -> execute(r1, "INSERT INTO promoted VALUES (1)"))
          .hasCauseInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");

      r1.promote();

      assertThat(r1.isInRecovery()).isFalse();
      assertThat(r1.isReplayPaused()).isFalse();
      execute(r1, "INSERT INTO promoted VALUES (1)");
      assertThat(rows(r1, "promoted")).isEqualTo(1);
      assertThat(rows(cluster.primary(), "promoted")).isZero();
      assertThat(cluster.isTopologyChanged()).isTrue();
      assertThatThrownBy(r1::promote)
          .isInstanceOf(PgClusterException.class)
          .hasMessage("r1: promote needs a replica, but the node is not in recovery");
    }
  }

  @Test
  void closeStopsEveryProcessAndDeletesEveryDirectory() throws Exception {
    PostgresCluster cluster = PostgresCluster.builder().replicas(1).start();
    Path directory = cluster.directory();
    PgNode r1 = cluster.node("r1");
    r1.stop();
    r1.start(); // a restarted server is a new zonky instance: it must be closed too
    assertThat(processesMentioning(directory)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cluster.nodes())
        .allSatisfy(n -> assertThat(n.dataDirectory()).startsWith(directory));

    cluster.close();

    assertThat(processesMentioning(directory)).isEmpty();
    assertThat(Files.exists(directory)).isFalse();
    assertThat(cluster.isClosed()).isTrue();
    assertThat(cluster.nodes()).noneMatch(PgNode::isRunning);
    cluster.close(); // idempotent
    assertThatThrownBy(cluster::waitForReplication)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cluster is closed");
  }

  @Test
  void clusterWithoutReplicasUsesTheGivenDatabase() {
    try (PostgresCluster cluster =
        PostgresCluster.builder().database("orders").zone("primary", "eu-1a").start()) {
      assertThat(cluster.replicas()).isEmpty();
      assertThat(cluster.primary().zone()).isEqualTo("eu-1a");
      assertThat(cluster.primary().jdbcUrl()).endsWith("/orders");
      assertThat(cluster.databaseName()).isEqualTo("orders");
      execute(cluster.primary(), "CREATE TABLE t (id int)");
      cluster.waitForReplication(); // nothing to wait for
      assertThat(cluster.isTopologyChanged()).isFalse();
    }
  }
}
