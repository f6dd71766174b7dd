package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.lb.Strategy;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Roles, lag and eligibility from probe outcomes, with a fake ticker: no server, no sleeping. The
 * integration tests show the same rules against real replicas.
 */
class RoundEvaluatorTest {
  private final Host primary = host("primary", true, "a");
  private final Host r1 = host("r1", false, "a");
  private final Host r2 = host("r2", false, "b");
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private TopologySnapshot snapshot;
  private RoundEvaluator evaluator;

  private void start(Topology topology, Duration maxLag) {
    RouterConfig config =
        new RouterConfig(
            "db",
            "a",
            Strategy.LEAST_REQUEST,
            maxLag,
            Fallback.PRIMARY,
            ReadYourWrites.OFF,
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            topology,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    evaluator = new RoundEvaluator(config, List.of(primary, r1, r2), now::get);
    snapshot =
        new TopologySnapshot(
            List.of(HostState.initial(primary), HostState.initial(r1), HostState.initial(r2)),
            primary,
            Lsns.NONE);
  }

  private TopologySnapshot round(Object p, Object one, Object two) {
    Map<String, Object> outcomes = new HashMap<>();
    outcomes.put("primary", p);
    outcomes.put("r1", one);
    outcomes.put("r2", two);
    snapshot = evaluator.evaluate(snapshot, outcomes);
    return snapshot;
  }

  private static ProbeResult primaryAt(long lsn, long timeline) {
    return new ProbeResult(false, true, lsn, Lsns.NONE, Double.NaN, timeline);
  }

  private static ProbeResult replica(long replayed, long received, double replayAgeSeconds) {
    return new ProbeResult(true, true, replayed, received, replayAgeSeconds, 0);
  }

  private HostState state(Host h) {
    return snapshot.state(h);
  }

  @Test
  void anIdleCaughtUpReplicaIsNotLaggingHoweverOldItsLastCommit() {
    start(Topology.STATIC, Duration.ofSeconds(1));
    round(primaryAt(1000, 1), replica(1000, 1000, 600.0), replica(1000, 1000, 600.0));
    round(primaryAt(1000, 1), replica(1000, 1000, 601.0), replica(1000, 1000, 601.0));
    assertThat(state(r1).lagSeconds()).isZero();
    assertThat(state(r1).eligible()).isTrue();
    assertThat(snapshot.eligibleReplicas()).isEqualTo(2);
    assertThat(r1.knownReplayLsn()).isEqualTo(1000);
    assertThat(snapshot.primary()).isSameAs(primary);
    assertThat(state(primary).reason()).isEmpty();
  }

  @Test
  void aReplicaWithWalNotYetReplayedLagsByItsReplayAgeUntilItCatchesUp() {
    start(Topology.STATIC, Duration.ofSeconds(1));
    round(primaryAt(2000, 1), replica(1500, 2000, 3.2), replica(2000, 2000, 9.0));
    assertThat(state(r1).lagSeconds()).isEqualTo(3.2);
    assertThat(state(r1).lagBytes()).isEqualTo(500);
    assertThat(state(r1).eligible()).isFalse();
    assertThat(state(r1).reason()).isEqualTo("lag 3.200s > max-replica-lag 1s");
    assertThat(state(r1).describe())
        .isEqualTo(
            "r1 (loc-r1, zone a): replica, lag 3.200s/500 bytes, not eligible: lag 3.200s >"
                + " max-replica-lag 1s");
    assertThat(state(r2).eligible()).isTrue();

    round(primaryAt(2000, 1), replica(2000, 2000, 3.3), replica(2000, 2000, 9.1));
    assertThat(state(r1).lagSeconds()).isZero();
    assertThat(state(r1).eligible()).isTrue();
  }

  @Test
  void aCaughtUpReplicaThatFallsBehindAfterAQuietSpellLagsAtMostSinceItWasLastCaughtUp() {
    start(Topology.STATIC, Duration.ofSeconds(5));
    // idle for ten minutes, caught up
    round(primaryAt(1000, 1), replica(1000, 1000, 600.0), replica(1000, 1000, 600.0));
    now.addAndGet(Duration.ofMillis(200).toNanos());
    // the first new WAL in a while (a checkpoint, a commit) is received, not yet replayed: the
    // last replayed commit is ten minutes old, the replica was caught up 200 ms ago
    round(primaryAt(1100, 1), replica(1000, 1100, 600.2), replica(1100, 1100, 600.2));
    // at most 200 ms since then plus the 1 s interval, not 600 s
    assertThat(state(r1).lagSeconds()).isEqualTo(1.2);
    assertThat(state(r1).eligible()).isTrue();

    // really stuck: the cap grows with the time since it was last caught up, past the limit
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    round(primaryAt(5000, 1), replica(1000, 5000, 610.2), replica(5000, 5000, 0));
    assertThat(state(r1).lagSeconds()).isEqualTo(10.2 + 1.0, within(1e-9));
    assertThat(state(r1).eligible()).isFalse();
  }

  @Test
  void aPausedReplicaLagsByItsReplayAgeWhichTheCapDoesNotShorten() {
    start(Topology.STATIC, Duration.ofSeconds(1));
    round(primaryAt(1000, 1), replica(1000, 1000, 0.02), replica(1000, 1000, 0.02));
    // paused just after that round under steady writes: the last replayed commit is as old as
    // the pause
    now.addAndGet(Duration.ofMillis(1_400).toNanos());
    round(primaryAt(9000, 1), replica(1000, 9000, 1.38), replica(9000, 9000, 0.01));
    assertThat(state(r1).lagSeconds()).isEqualTo(1.38);
    assertThat(state(r1).reason()).isEqualTo("lag 1.380s > max-replica-lag 1s");
  }

  @Test
  void aReplicaThatStoppedReceivingIsBehindOnceThePrimaryMovedOn() {
    start(Topology.STATIC, Duration.ofSeconds(1));
    round(primaryAt(1000, 1), replica(1000, 1000, Double.NaN), replica(1000, 1000, 5.0));
    round(primaryAt(2000, 1), replica(1000, 1000, Double.NaN), replica(2000, 2000, 5.0));
    // one round later r1 is still short of where the primary was: behind, clock starts
    round(primaryAt(3000, 1), replica(1000, 1000, Double.NaN), replica(3000, 3000, 5.0));
    assertThat(state(r1).lagSeconds()).isZero();
    now.addAndGet(Duration.ofMillis(1_500).toNanos());
    round(primaryAt(4000, 1), replica(1000, 1000, Double.NaN), replica(4000, 4000, 5.0));
    assertThat(state(r1).lagSeconds()).isEqualTo(1.5);
    assertThat(state(r1).lagBytes()).isEqualTo(3000);
    assertThat(state(r1).eligible()).isFalse();
    assertThat(state(r2).eligible()).isTrue();
  }

  @Test
  void zeroMaxLagMeansNoLimit() {
    start(Topology.STATIC, Duration.ZERO);
    round(primaryAt(2000, 1), replica(1000, 2000, 3600.0), replica(2000, 2000, 0));
    assertThat(state(r1).lagSeconds()).isEqualTo(3600.0);
    assertThat(state(r1).eligible()).isTrue();
  }

  @Test
  void oneSlowProbeIsToleratedButARefusalIsNot() {
    start(Topology.STATIC, Duration.ofSeconds(5));
    round(primaryAt(1000, 1), replica(1000, 1000, 1.0), replica(1000, 1000, 1.0));
    ProbeFailure slow = new ProbeFailure("unreachable: no answer within 1s", false);
    ProbeFailure refused =
        new ProbeFailure("unreachable: Connection to 127.0.0.1:5433 refused", true);

    round(primaryAt(1000, 1), slow, refused);
    assertThat(state(r1).eligible()).isTrue();
    assertThat(state(r2).reachable()).isFalse();
    assertThat(state(r2).reason()).isEqualTo("unreachable: Connection to 127.0.0.1:5433 refused");
    assertThat(state(r2).describe())
        .isEqualTo(
            "r2 (loc-r2, zone b): last known role replica, not eligible: unreachable: Connection"
                + " to 127.0.0.1:5433 refused");

    round(primaryAt(1000, 1), slow, refused);
    assertThat(state(r1).eligible()).isFalse();
    assertThat(state(r1).reason()).isEqualTo("unreachable: no answer within 1s");

    round(primaryAt(1000, 1), replica(1000, 1000, 1.0), replica(1000, 1000, 1.0));
    assertThat(snapshot.eligibleReplicas()).isEqualTo(2);
  }

  @Test
  void staticTopologyKeepsTheConfiguredRolesAndSaysWhenAReplicaIsNotOne() {
    start(Topology.STATIC, Duration.ofSeconds(5));
    round(primaryAt(1000, 1), primaryAt(1200, 2), replica(1000, 1000, 0));
    assertThat(snapshot.primary()).isSameAs(primary);
    assertThat(state(r1).eligible()).isFalse();
    assertThat(state(r1).reason()).isEqualTo("not a replica: pg_is_in_recovery() is false");
  }

  @Test
  void autoTopologyFollowsTheHighestTimelineAndKeepsTheCurrentPrimaryOnATie() {
    start(Topology.AUTO, Duration.ofSeconds(5));
    round(primaryAt(1000, 1), replica(1000, 1000, 0), replica(1000, 1000, 0));
    assertThat(snapshot.primary()).isSameAs(primary);

    // r1 promoted while the old primary still runs: the new timeline wins
    round(primaryAt(1100, 1), primaryAt(1000, 2), replica(1000, 1000, 0));
    assertThat(snapshot.primary()).isSameAs(r1);
    assertThat(state(primary).reason()).isEqualTo("not a replica: a second primary (timeline 1)");

    // a tie keeps the current primary
    round(primaryAt(1100, 2), primaryAt(1200, 2), replica(1000, 1000, 0));
    assertThat(snapshot.primary()).isSameAs(r1);

    ProbeFailure refused = new ProbeFailure("unreachable: refused", true);
    round(refused, refused, replica(1000, 1000, 0));
    assertThat(snapshot.primary()).isNull();
    assertThat(state(r1).describe())
        .isEqualTo(
            "r1 (loc-r1, zone a): last known role primary, not eligible: unreachable: refused");
    assertThat(state(r2).eligible()).isTrue();
  }

  private static Host host(String name, boolean primary, String zone) {
    DataSource ds =
        (DataSource)
            Proxy.newProxyInstance(
                RoundEvaluatorTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                  throw new UnsupportedOperationException("no connections in this test");
                });
    return new Host(name, primary, zone, ds, false, "loc-" + name, new PooledProbeConnector(ds));
  }
}
