package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.jdbc.internal.dialect.GtidPosition;
import dev.ballast.lb.Strategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Rounds of a MariaDB router, with a fake ticker: writable hosts without timelines, and the GTID
 * positions that read-your-writes decides by.
 */
class GtidRoundEvaluatorTest {
  private final Host primary = host("primary", true);
  private final Host r1 = host("r1", false);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private TopologySnapshot snapshot =
      new TopologySnapshot(
          List.of(HostState.initial(primary), HostState.initial(r1)), primary, Lsns.NONE);
  private final RoundEvaluator evaluator =
      new RoundEvaluator(
          new RouterConfig(
              "db",
              "a",
              Strategy.LEAST_REQUEST,
              Duration.ofSeconds(1),
              Fallback.PRIMARY,
              ReadYourWrites.GTID,
              Duration.ofSeconds(2),
              Duration.ofMillis(100),
              Topology.AUTO,
              Duration.ofSeconds(1),
              Duration.ofSeconds(1)),
          Dialects.forUrl("jdbc:mariadb://h/app"),
          List.of(primary, r1),
          now::get);

  @Test
  void twoWritableHostsMeanNoPrimaryAndSayWhy() {
    round(writable("0-1-10"), writable("0-2-3"));
    assertThat(snapshot.primary()).isNull();
    assertThat(snapshot.conflict())
        .isEqualTo(
            "several writable hosts (primary, r1: read_only=0 and no replica status): writes are"
                + " refused until all but one are read-only, rather than sent to a guess");
    assertThat(snapshot.state(r1).reason())
        .isEqualTo("not a replica: read_only=0 and no replica status");

    // one is fenced (read_only=1): the other is the primary again, no conflict
    round(writable("0-1-10"), replica("0-1-10"));
    assertThat(snapshot.primary()).isSameAs(primary);
    assertThat(snapshot.conflict()).isEmpty();
  }

  @Test
  void aReplicasProbedGtidPositionIsWhatReadsAreCheckedAgainst() {
    round(writable("0-1-10"), replica("0-1-9"));
    assertThat(r1.knownToCover(GtidPosition.parse("0-1-9"))).isTrue();
    assertThat(r1.knownToCover(GtidPosition.parse("0-1-10"))).isFalse();

    r1.observePosition(GtidPosition.parse("0-1-10,1-3-4"));
    assertThat(r1.knownToCover(GtidPosition.parse("0-1-10,1-3-4"))).isTrue();
    // a later probe is the truth again (the host may have been rebuilt)
    round(writable("0-1-12"), replica("0-1-11"));
    assertThat(r1.knownToCover(GtidPosition.parse("0-1-11"))).isTrue();
    assertThat(r1.knownToCover(GtidPosition.parse("1-3-4"))).isFalse();
  }

  private void round(ProbeResult p, ProbeResult one) {
    Map<String, Object> outcomes = new HashMap<>();
    outcomes.put("primary", p);
    outcomes.put("r1", one);
    snapshot = evaluator.evaluate(snapshot, outcomes);
  }

  private static ProbeResult writable(String binlogPos) {
    GtidPosition g = GtidPosition.parse(binlogPos);
    return new ProbeResult(false, true, g.sequenceSum(), Lsns.NONE, Double.NaN, 0, g);
  }

  private static ProbeResult replica(String currentPos) {
    GtidPosition g = GtidPosition.parse(currentPos);
    return new ProbeResult(true, true, g.sequenceSum(), g.sequenceSum(), 0.0, 0, g);
  }

  private static Host host(String name, boolean primary) {
    DataSource ds = TestBindings.inert(DataSource.class);
    return new Host(
        name,
        primary,
        "a",
        ds,
        false,
        "jdbc:mariadb://" + name + ":3306/app",
        new PooledProbeConnector(ds));
  }
}
