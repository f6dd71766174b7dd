package dev.ballast.reliability;

import static dev.ballast.reliability.Waits.measure;
import static dev.ballast.reliability.Waits.ms;
import static dev.ballast.reliability.Waits.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.reliability.internal.JdbcTraffic;
import dev.ballast.reliability.internal.LoadLoop;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5, primary failover under load ({@code topology=auto}): the primary stops and a replica
 * is promoted while four threads write and two read. Writes fail fast — with the router's
 * documented "no primary" error or the connection error that revealed the loss — until the router
 * has switched to the new primary, then land there; every acknowledged write is there afterwards;
 * reads never fail, since a replica stays up throughout. Promotion is irreversible, so the class
 * starts its own cluster.
 *
 * <p>The bounds are measured from what the router controls — the moment it reported the new primary
 * — not from {@code pg_promote()}, whose duration on a loaded CI machine is PostgreSQL's business.
 * They stay well below Hikari's 5 s connection timeout, so a router that kept waiting on the dead
 * primary's pool still fails them. The figures record the tighter numbers of a quiet run.
 */
class PrimaryFailoverTest {

  @Test
  void writesMoveToThePromotedReplicaAndNoAcknowledgedWriteIsLost() throws Exception {
    try (PostgresCluster cluster =
        PostgresCluster.builder().replicas(2).zones("a", "a", "b").start()) {
      Properties props = PgSupport.properties(cluster, "failover", 8);
      props.setProperty("ballast.jdbc.topology", "auto");
      try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
        JdbcTraffic.createTable(ds, "orders");
        cluster.waitForReplication();
        JdbcTraffic writes =
            new JdbcTraffic(ds, ds.forReads(), "orders", 0, PgSupport.nodeOfPort(cluster), null);
        JdbcTraffic reads =
            new JdbcTraffic(ds, ds.forReads(), "orders", 0, PgSupport.nodeOfPort(cluster), null);
        PgNode oldPrimary = cluster.primary();
        PgNode r1 = cluster.node("r1");
        long stopped;
        long promoted;
        long switched;
        long stopMillis;
        long promoteMillis;
        try (LoadLoop writers =
                LoadLoop.start(
                    "failover-writes",
                    4,
                    50,
                    Duration.ofSeconds(60),
                    3_000,
                    writes.writeOperation(false));
            LoadLoop readers =
                LoadLoop.start(
                    "failover-reads",
                    2,
                    100,
                    Duration.ofSeconds(60),
                    6_000,
                    reads.readOperation())) {
          warmUp(() -> writes.acknowledged().size(), 200);
          long stopStart = System.nanoTime();
          oldPrimary.stop();
          stopped = System.nanoTime();
          r1.promote();
          promoted = System.nanoTime();
          stopMillis = (stopped - stopStart) / 1_000_000;
          promoteMillis = (promoted - stopped) / 1_000_000;
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(ms(5))
              .until(() -> ds.primaryHost().orElse("").equals("r1"));
          switched = System.nanoTime();
          int ackedBefore = writes.acknowledged().size();
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> writes.acknowledged().size() > ackedBefore + 100);
          measure(ms(500));
          assertThat(writers.stop(Duration.ofSeconds(10))).isTrue();
          assertThat(readers.stop(Duration.ofSeconds(10))).isTrue();
          assertThat(writers.unexpectedErrors() + readers.unexpectedErrors())
              .as("%s %s", writers.errorSamples(), readers.errorSamples())
              .isZero();
          Figures.record(
              "primary failover",
              "router saw r1 as primary",
              "%d ms after pg_promote() returned",
              (switched - promoted) / 1_000_000);
        }
        long firstFailure = writes.firstWriteFailureNanos().orElse(stopped);
        long lastFailureEnd = firstFailure + writes.writeFailureWindowMillis() * 1_000_000;
        long failingAfterPromotion = Math.max(0, (lastFailureEnd - promoted) / 1_000_000);
        long failingAfterSwitch = (lastFailureEnd - switched) / 1_000_000;
        long firstAckOnNewPrimary = writes.firstAckAtOrAfter(stopped).orElse(Long.MAX_VALUE);
        long unavailableMillis = (firstAckOnNewPrimary - stopped) / 1_000_000;
        long ackAfterPromotion = (firstAckOnNewPrimary - promoted) / 1_000_000;
        long ackAfterSwitch = (firstAckOnNewPrimary - switched) / 1_000_000;
        long switchAfterPromotion = (switched - promoted) / 1_000_000;
        Figures.record("primary failover", "primary stop took", "%d ms", stopMillis);
        Figures.record("primary failover", "pg_promote() took", "%d ms", promoteMillis);
        Figures.record(
            "primary failover",
            "failed writes",
            "%d %s within %d ms; slowest failure %d ms; failures ended %d ms after the promotion",
            writes.writeFailures(),
            writes.writeFailureKinds(),
            writes.writeFailureWindowMillis(),
            writes.slowestWriteFailureMillis(),
            failingAfterPromotion);
        Figures.record(
            "primary failover",
            "first acknowledged write on r1",
            "%d ms after the old primary was down, %d ms after the promotion, %d ms after the switch",
            unavailableMillis,
            ackAfterPromotion,
            ackAfterSwitch);
        Figures.record(
            "primary failover", "acknowledged writes", "%d", writes.acknowledged().size());
        Figures.record("primary failover", "reads by node", "%s", reads.readsByNode());
        Figures.record(
            "primary failover",
            "failed reads",
            "%d %s",
            reads.readFailures(),
            reads.readFailureKinds());
        Figures.record("primary failover", "write latency", writes.writeLatency().summary("run"));

        assertThat(writes.missingOn(r1.dataSource())).as("acknowledged writes lost").isEmpty();
        assertThat(writes.writeFailureKinds().keySet())
            .as("%s", writes.samples())
            .allSatisfy(k -> assertThat(JdbcTraffic.isFailFastKind(k)).isTrue());
        // Hikari's connectionTimeout is 5 s: a write that waited for the dead primary's pool
        // instead of failing on the router's state would take that long.
        assertThat(writes.slowestWriteFailureMillis()).as("fail fast").isLessThan(3_000);
        assertThat(switchAfterPromotion)
            .as("router sees the promoted replica as primary within 10 s")
            .isLessThan(10_000);
        assertThat(ackAfterSwitch)
            .as("first write on r1 within 2 s of the router's switch")
            .isLessThan(2_000);
        // a write that began on the old primary just before the switch may still fail, but no
        // later than the fail-fast bound after it
        assertThat(failingAfterSwitch)
            .as("writes stop failing within 5 s of the router's switch")
            .isLessThan(5_000);
        assertThat(reads.readFailures()).as("%s", reads.samples()).isZero();
      }
    }
  }
}
