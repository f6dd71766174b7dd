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
import dev.ballast.testkit.PostgresClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4, replica maintenance: replicas restarted one by one under read load must cost no read;
 * a replica whose replay is paused for 5 s under write load must serve no stale read when reads
 * carry read-your-writes tokens ({@code read-your-writes=lsn}).
 */
class ReplicaMaintenanceTest {
  private static final int POOL = 8;

  /** Writer threads of the paused-replay scenario. */
  private static final int WRITERS = 4;

  @RegisterExtension
  static final PostgresClusterExtension PG =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  /**
   * A restart costs no read: reads on the connections the fast shutdown killed (SQLState 57P01) run
   * again on another replica or the primary, the replica's pool is retired, and the replica takes
   * reads again once it is back.
   */
  @Test
  void restartingReplicasOneByOneFailsNoRead() throws Exception {
    PostgresCluster cluster = PG.cluster();
    Properties props = PgSupport.properties(cluster, "maintenance", POOL);
    // Zone-agnostic, so that both replicas serve reads and each restart hits live traffic.
    props.remove("ballast.zone");
    List<Long> stops = new ArrayList<>();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      JdbcTraffic.createTable(ds, "restarts");
      cluster.waitForReplication(); // reads without read-your-writes must find the table
      JdbcTraffic traffic =
          new JdbcTraffic(ds, ds.forReads(), "restarts", 0, PgSupport.nodeOfPort(cluster), null);
      try (LoadLoop load =
          LoadLoop.start(
              "restart-reads", 6, 100, Duration.ofSeconds(180), 18_000, traffic.readOperation())) {
        warmUp(traffic::readsDone, 300);
        for (PgNode replica : cluster.replicas()) {
          stops.add(System.nanoTime());
          replica.stop();
          long before = traffic.readsByNode().getOrDefault(replica.name(), 0L);
          measure(ms(1000));
          replica.start();
          // Back in rotation: it serves reads again (a loaded CI machine may take a while to
          // start PostgreSQL and to pass the router's health checks).
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> traffic.readsByNode().getOrDefault(replica.name(), 0L) > before + 50);
        }
        measure(ms(500));
        assertThat(load.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(load.unexpectedErrors()).as("%s", load.errorSamples()).isZero();
      }
      List<Long> sinceStop = new ArrayList<>();
      for (long t : traffic.readFailureTimes()) {
        long lastStop =
            stops.stream().filter(s -> s <= t).mapToLong(Long::longValue).max().orElse(0);
        sinceStop.add((t - lastStop) / 1_000_000);
      }
      Figures.record("replica restarts", "reads", "%d", traffic.readsDone());
      Figures.record("replica restarts", "reads by node", "%s", traffic.readsByNode());
      Figures.record(
          "replica restarts",
          "failed reads",
          "%d %s, ms after the stop: %s",
          traffic.readFailures(),
          traffic.readFailureKinds(),
          sinceStop);
      Figures.record("replica restarts", "read latency", traffic.readLatency().summary("run"));
      assertThat(traffic.readFailures()).as("%s", traffic.samples()).isZero();
    }
  }

  @Test
  void pausedReplayServesNoStaleReadUnderReadYourWrites() throws Exception {
    PostgresCluster cluster = PG.cluster();
    Properties props = PgSupport.properties(cluster, "ryw", POOL);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // Read-backs may wait for a replica's replay (the default, 0, reads right after a write on the
    // primary): this scenario is about which replica they wait for while r1's replay is paused.
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "100ms");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      JdbcTraffic.createTable(ds, "paused");
      cluster.waitForReplication();
      JdbcTraffic traffic =
          new JdbcTraffic(ds, ds.forReads(), "paused", 0, PgSupport.nodeOfPort(cluster), null);
      PgNode r1 = cluster.node("r1");
      Map<String, Long> duringPause;
      try (LoadLoop load =
          LoadLoop.start(
              "ryw-writes",
              WRITERS,
              50,
              Duration.ofSeconds(120),
              6_000,
              traffic.writeOperation(true))) {
        warmUp(() -> traffic.acknowledged().size(), 200);
        Map<String, Long> beforePause = traffic.readsByNode();
        r1.pauseReplay();
        // counted from when the pause is in force: reads before that may rightly go to r1
        Map<String, Long> atPause = traffic.readsByNode();
        measure(Duration.ofSeconds(5));
        duringPause = minus(traffic.readsByNode(), atPause);
        r1.resumeReplay();
        measure(ms(1000));
        assertThat(load.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(load.unexpectedErrors()).as("%s", load.errorSamples()).isZero();
        Figures.record("paused replay", "acknowledged writes", "%d", traffic.acknowledged().size());
        Figures.record("paused replay", "read-backs by node before the pause", "%s", beforePause);
        Figures.record(
            "paused replay", "read-backs by node during the 5 s pause", "%s", duringPause);
        Figures.record("paused replay", "stale reads", "%d", traffic.staleReads());
        Figures.record(
            "paused replay",
            "failed writes / reads",
            "%d / %d",
            traffic.writeFailures(),
            traffic.readFailures());
        Figures.record("paused replay", "read-back latency", traffic.readLatency().summary("run"));
      }
      assertThat(traffic.staleReads()).as("%s", traffic.samples()).isZero();
      assertThat(traffic.writeFailures() + traffic.readFailures())
          .as("%s", traffic.samples())
          .isZero();
      assertThat(traffic.missingOn(cluster.primary().dataSource())).isEmpty();
      // Read-backs during the pause go to the caught-up r2. r1 (the local replica) may serve only
      // the read-backs of writes it replayed before the pause: at most the one each writer had in
      // flight when the pause began. The primary takes a read-back only when r2 has not replayed
      // it within max-wait (100 ms): none on a quiet machine, 1 of 869 on one at load 25.
      long total = duringPause.values().stream().mapToLong(Long::longValue).sum();
      long onPrimary = duringPause.getOrDefault("primary", 0L);
      assertThat(onPrimary).as("%s", duringPause).isLessThanOrEqualTo(total / 100);
      assertThat(duringPause.getOrDefault("r1", 0L))
          .as("%s", duringPause)
          .isLessThanOrEqualTo(WRITERS);
      assertThat(duringPause.getOrDefault("r2", 0L))
          .as("%s", duringPause)
          .isPositive()
          .isGreaterThanOrEqualTo(total - WRITERS - onPrimary);
    }
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new java.util.TreeMap<>();
    after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
    return out;
  }
}
