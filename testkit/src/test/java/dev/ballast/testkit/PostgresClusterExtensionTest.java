package dev.ballast.testkit;

import static dev.ballast.testkit.PgTestSupport.execute;
import static dev.ballast.testkit.PgTestSupport.queryLong;
import static dev.ballast.testkit.PgTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults injected by one test are gone in the next; a promotion leads to a fresh cluster. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterExtensionTest {

  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().replicas(1).build();

  private static PostgresCluster firstCluster;
  private static int firstPrimaryPort;

  @Test
  @Order(1)
  void injectFaults(PostgresCluster cluster) {
    firstCluster = cluster;
    firstPrimaryPort = cluster.primary().port();
    execute(cluster.primary(), "CREATE TABLE survives (id int)");
    cluster.waitForReplication();
    PgNode r1 = cluster.node("r1");
    r1.applyDelay(Duration.ofSeconds(30));
    r1.pauseReplay();
    cluster.primary().stop();
  }

  @Test
  @Order(2)
  void faultsOfThePreviousTestAreUndone(PostgresCluster cluster) {
    assertThat(cluster).isSameAs(firstCluster);
    PgNode primary = cluster.primary();
    PgNode r1 = cluster.node("r1");
    assertThat(primary.isRunning()).isTrue();
    assertThat(primary.port()).isEqualTo(firstPrimaryPort);
    assertThat(r1.isReplayPaused()).isFalse();
    assertThat(
            queryLong(
                r1,
                "SELECT setting::bigint FROM pg_settings"
                    + " WHERE name = 'recovery_min_apply_delay'"))
        .isZero();

    execute(primary, "INSERT INTO survives VALUES (1)");
    cluster.waitForReplication();
    assertThat(rows(r1, "survives")).isEqualTo(1);
  }

  @Test
  @Order(3)
  void promoteTheReplica() {
    pg.node("r1").promote();
  }

  @Test
  @Order(4)
  void aPromotionLeadsToAFreshClusterForTheNextTest() {
    PostgresCluster cluster = pg.cluster();
    assertThat(cluster).isNotSameAs(firstCluster);
    assertThat(firstCluster.isClosed()).isTrue();
    assertThat(cluster.node("r1").isInRecovery()).isTrue();
    assertThat(cluster.isTopologyChanged()).isFalse();
  }
}
