package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.jdbc.internal.HostState;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replicas that stop, lag or sit idle: who gets reads, and what fallback does. */
class ReplicaHealthTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  @Test
  void readsLeaveAStoppedReplicaWithinTheHealthIntervalThenFallBackToThePrimary(
      PostgresCluster cluster) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster), registry)) {
      await().atMost(Duration.ofSeconds(15)).until(() -> eligible(ds, "r1"));
      assertThat(route(cluster, ds, true)).isEqualTo("r1");

      cluster.node("r1").stop();
      long stopped = System.nanoTime();
      // 200 ms interval; a probe of a stopped server is refused at once (5 s: a loaded machine)
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> !eligible(ds, "r1"));
      System.out.printf(
          "[measured] r1 stopped: reads moved off it %d ms after its stop returned"
              + " (health-check.interval=200ms)%n",
          (System.nanoTime() - stopped) / 1_000_000);
      assertThat(reads(cluster, ds, 20)).containsOnly("r2");
      // A probe that meets the server while it shuts down reads pgjdbc's "The connection attempt
      // failed" instead of "Connection to ... refused": both are unreachable. The exact refused
      // text is asserted where the replicas are down before the router starts (below).
      assertThat(state(ds, "r1").reason()).startsWith("unreachable: ");

      cluster.node("r2").stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> !eligible(ds, "r2"));
      assertThat(reads(cluster, ds, 5)).containsOnly("primary");
      assertThat(
              registry
                  .get("ballast.jdbc.routes")
                  .tags("route", "primary", "reason", "fallback")
                  .counter()
                  .count())
          .isEqualTo(5.0);
      assertThat(registry.get("ballast.jdbc.replica.eligible").gauge().value()).isZero();

      cluster.node("r1").start();
      await().atMost(Duration.ofSeconds(15)).until(() -> eligible(ds, "r1"));
      assertThat(reads(cluster, ds, 5)).containsOnly("r1");
    }
  }

  @Test
  void fallbackFailNamesEveryReplicaAndWhyItIsNotEligible(PostgresCluster cluster) {
    PgNode r1 = cluster.node("r1");
    PgNode r2 = cluster.node("r2");
    r1.stop();
    r2.stop();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.fallback", "fail");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThatThrownBy(() -> route(cluster, ds, true))
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasMessage(
              "no replica of 'test-db' is eligible for reads (fallback=fail): "
                  + "r1 ("
                  + r1.jdbcUrl()
                  + ", zone a): last known role replica, not eligible: unreachable: Connection to"
                  + " 127.0.0.1:"
                  + r1.port()
                  + " refused; "
                  + "r2 ("
                  + r2.jdbcUrl()
                  + ", zone b): last known role replica, not eligible: unreachable: Connection to"
                  + " 127.0.0.1:"
                  + r2.port()
                  + " refused");
      // writes are not affected
      try {
        assertThat(route(cluster, ds, false)).isEqualTo("primary");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void aReplicaWhoseReplayIsPausedGetsNoReadsUntilItCatchesUp(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE ticks (t timestamptz)");
    Properties props = properties(cluster);
    // the scenario: max-replica-lag=1s, r1's replay paused under continuous writes
    props.setProperty("ballast.jdbc.max-replica-lag", "1s");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicBoolean writing = new AtomicBoolean(true);
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      Thread writer = new Thread(() -> writeTicks(cluster.primary(), writing), "ticks-writer");
      writer.start();
      try {
        // the writer starts with the router: wait for r1's first probe to see it caught up
        await().atMost(Duration.ofSeconds(15)).until(() -> eligible(ds, "r1"));
        assertThat(route(cluster, ds, true)).isEqualTo("r1");
        cluster.node("r1").pauseReplay();
        long paused = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> !eligible(ds, "r1"));
        long excludedMillis = (System.nanoTime() - paused) / 1_000_000;
        System.out.printf(
            "[measured] r1 paused: excluded from reads %d ms after pg_wal_replay_pause()"
                + " (max-replica-lag=1s, health-check.interval=200ms)%n",
            excludedMillis);
        assertThat(state(ds, "r1").reason()).matches("lag \\d+\\.\\d{3}s > max-replica-lag 1s");
        assertThat(reads(cluster, ds, 20)).containsOnly("r2");
        // seconds, measured under real lag: over the limit, and nowhere near bytes or millis
        double lagGauge =
            registry.get("ballast.jdbc.replica.lag").tag("replica", "r1").gauge().value();
        System.out.printf("[measured] r1 paused: ballast.jdbc.replica.lag = %.3f%n", lagGauge);
        assertThat(lagGauge).isGreaterThan(1.0).isLessThan(60.0);
        // what a health endpoint reads: r1 alone is out, and its lag is the worst
        assertThat(ds.eligibleReplicas()).containsExactly("r2");
        assertThat(ds.worstReplicaLag())
            .isGreaterThan(Duration.ofSeconds(1))
            .isLessThan(Duration.ofSeconds(60));

        cluster.node("r1").resumeReplay();
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> reads(cluster, ds, 1).contains("r1"));
        // caught up: the lag the probes see falls back to about the writer's tick
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> state(ds, "r1").lagSeconds() < 1.0);
      } finally {
        writing.set(false);
        writer.join(10_000);
      }
    }
  }

  @Test
  void anIdleCaughtUpReplicaIsNotLagging(PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE idle (id int)");
    RouterTestSupport.execute(cluster.primary(), "INSERT INTO idle VALUES (1)");
    long committed = System.nanoTime();
    cluster.waitForReplication();
    Properties props = properties(cluster);
    // 500 ms, not less: background WAL (checkpoints, autovacuum) can leave a replica a few ms
    // behind for a moment, which is real lag, not the one this test is about
    props.setProperty("ballast.jdbc.max-replica-lag", "500ms");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      // the last replayed commit grows older than max-replica-lag (four times); nothing is
      // behind, so no lag
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> System.nanoTime() - committed > Duration.ofSeconds(2).toNanos());
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(10))
          .until(() -> eligible(ds, "r1") && eligible(ds, "r2"));
      assertThat(state(ds, "r1").lagSeconds()).isZero();
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
    }
  }

  private static void writeTicks(PgNode primary, AtomicBoolean writing) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection c = primary.dataSource().getConnection();
        Statement s = c.createStatement()) {
      while (writing.get() && System.nanoTime() < deadline) {
        s.executeUpdate("INSERT INTO ticks VALUES (now())");
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> reads(PostgresCluster cluster, RoutingDataSource ds, int n)
      throws Exception {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(route(cluster, ds, true));
    }
    return nodes;
  }

  static HostState state(RoutingDataSource ds, String host) {
    var router = ds.router();
    return router.monitor().snapshot().state(router.host(host));
  }

  static boolean eligible(RoutingDataSource ds, String host) {
    return state(ds, host).eligible();
  }
}
