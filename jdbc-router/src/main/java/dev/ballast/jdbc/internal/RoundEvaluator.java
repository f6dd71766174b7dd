package dev.ballast.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.Topology;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one round of probe outcomes into a {@link TopologySnapshot}: each host's role, which host
 * is the primary, each replica's lag, and whether it is eligible for reads (and why not).
 *
 * <ul>
 *   <li><b>Lag.</b> A replica is behind while it has received WAL it has not replayed, or has not
 *       reached the position the primary had one round earlier (it may not even be receiving).
 *       While behind, its lag is {@code now() - pg_last_xact_replay_timestamp()} (or, without a
 *       replay timestamp, how long it has been seen behind, by the injected ticker); otherwise it
 *       is zero: an idle, caught-up replica is not lagging however old its last commit is. A
 *       replica seen caught up at an earlier round cannot be further behind than the time since
 *       then plus one interval, which caps the replay age: after a quiet spell, the first WAL that
 *       arrives (a checkpoint, the next commit) leaves it behind for a moment with a last commit
 *       minutes old, and that is not minutes of lag.
 *   <li><b>Primary.</b> Static topology: the configured one. Auto: the reachable host out of
 *       recovery with the highest timeline (a promoted replica beats an old primary that came
 *       back); ties keep the current primary, so writes do not flap; none reachable: none. Engines
 *       without timelines (MariaDB, MySQL) cannot tell an old primary from a new one: two writable
 *       hosts there mean no primary at all, and writes are refused with that conflict named, rather
 *       than sent to a guess (a split brain would lose whichever side's writes are discarded).
 *   <li><b>Failures.</b> A refused or failed probe makes a host unreachable at once; a probe that
 *       merely times out is tolerated once for a host that was reachable (a busy host is not a dead
 *       one).
 * </ul>
 *
 * <p>Keeps per-host state between rounds; confined to the monitor's thread.
 */
final class RoundEvaluator {
  /** Probes in a row that may time out before a reachable host is taken as unreachable. */
  static final int SLOW_PROBES_TOLERATED = 1;

  private final RouterConfig config;
  private final Dialect dialect;
  private final List<Host> hosts;
  private final Ticker ticker;
  private final Map<String, Long> behindSince = new HashMap<>();
  private final Map<String, Long> caughtUpAt = new HashMap<>();
  private final Map<String, Integer> slowProbes = new HashMap<>();
  private long previousPrimaryLsn = Lsns.NONE;

  RoundEvaluator(RouterConfig config, List<Host> hosts, Ticker ticker) {
    this(config, Dialects.postgresql(), hosts, ticker);
  }

  RoundEvaluator(RouterConfig config, Dialect dialect, List<Host> hosts, Ticker ticker) {
    this.config = config;
    this.dialect = dialect;
    this.hosts = List.copyOf(hosts);
    this.ticker = ticker;
  }

  /**
   * The snapshot after one round: {@code outcomes} maps each host name to its {@link ProbeResult}
   * or {@link ProbeFailure}.
   */
  TopologySnapshot evaluate(TopologySnapshot previous, Map<String, Object> outcomes) {
    long now = ticker.nanoTime();
    Map<String, HostState> raw = new HashMap<>();
    for (Host h : hosts) {
      HostState prev = previous.state(h);
      Object outcome = outcomes.get(h.name());
      if (outcome instanceof ProbeResult r) {
        slowProbes.remove(h.name());
        Role role =
            !r.roleKnown()
                ? (h.configuredPrimary() ? Role.PRIMARY : Role.REPLICA)
                : r.inRecovery() ? Role.REPLICA : Role.PRIMARY;
        raw.put(
            h.name(),
            new HostState(
                h, role, true, "", r.lsn(), 0, 0, r.timeline(), false, "" /* decided below */));
      } else {
        ProbeFailure failure = (ProbeFailure) requireNonNull(outcome, "outcome");
        int slow = failure.definitive() ? 0 : slowProbes.merge(h.name(), 1, Integer::sum);
        if (slow > 0 && slow <= SLOW_PROBES_TOLERATED && prev.reachable()) {
          // One late answer from a busy host is not an outage; a refused connection is.
          raw.put(h.name(), prev);
          continue;
        }
        String error = failure.message();
        raw.put(
            h.name(),
            new HostState(
                h,
                prev.role() == Role.UNKNOWN ? Role.REPLICA : prev.role(),
                false,
                error,
                prev.lsn(),
                prev.lagBytes(),
                prev.lagSeconds(),
                prev.timeline(),
                false,
                error));
      }
    }
    String conflict = conflict(raw);
    Host primary = conflict.isEmpty() ? choosePrimary(previous.primary(), raw) : null;
    HostState primaryState = primary == null ? null : raw.get(primary.name());
    long primaryLsn =
        primaryState != null && primaryState.reachable() && primaryState.role() == Role.PRIMARY
            ? primaryState.lsn()
            : previousPrimaryLsn;

    List<HostState> states = new ArrayList<>();
    for (Host h : hosts) {
      HostState s = requireNonNull(raw.get(h.name()), "state");
      Object outcome = outcomes.get(h.name());
      if (h == primary) {
        states.add(s.reachable() ? s.withEligibility(false, "") : s);
        behindSince.remove(h.name());
        caughtUpAt.remove(h.name());
        continue;
      }
      if (!s.reachable()) {
        states.add(s);
        behindSince.remove(h.name());
        caughtUpAt.remove(h.name());
        continue;
      }
      if (s.role() == Role.PRIMARY) {
        String why =
            config.topology() == Topology.STATIC
                ? "not a replica: " + dialect.writableReason()
                : dialect.lsnPositions()
                    ? "not a replica: a second primary (timeline " + s.timeline() + ")"
                    : "not a replica: " + dialect.writableReason();
        states.add(s.withEligibility(false, why));
        behindSince.remove(h.name());
        caughtUpAt.remove(h.name());
        continue;
      }
      if (outcome instanceof ProbeResult r) {
        Position position = r.position();
        if (position != null) {
          h.setKnownPosition(position);
        }
        states.add(replicaState(h, r, primaryLsn, now));
      } else {
        states.add(s); // a tolerated slow probe: what the previous round knew
      }
    }
    previousPrimaryLsn = primaryLsn;
    return new TopologySnapshot(states, primary, primaryLsn, conflict);
  }

  /**
   * With auto topology on an engine without timelines, the writable hosts when there are several
   * ({@code "writable hosts primary, r1: …"}); else empty.
   */
  private String conflict(Map<String, HostState> raw) {
    if (config.topology() == Topology.STATIC || dialect.lsnPositions()) {
      return "";
    }
    List<String> writable = new ArrayList<>();
    for (Host h : hosts) {
      HostState s = requireNonNull(raw.get(h.name()), "state");
      if (s.reachable() && s.role() == Role.PRIMARY) {
        writable.add(h.name());
      }
    }
    if (writable.size() < 2) {
      return "";
    }
    return "several writable hosts ("
        + String.join(", ", writable)
        + ": "
        + dialect.writableReason()
        + "): writes are refused until all but one are read-only, rather than sent to a guess";
  }

  private HostState replicaState(Host h, ProbeResult r, long primaryLsn, long now) {
    long lsn = r.lsn();
    long lagBytes = primaryLsn >= 0 && lsn >= 0 ? Math.max(0, primaryLsn - lsn) : 0;
    // Behind = WAL received but not yet replayed, or not even at the position the primary had one
    // round ago. An idle, caught-up replica is not lagging, however old its last replayed commit.
    boolean behind =
        (r.receiveLsn() >= 0 && lsn >= 0 && r.receiveLsn() > lsn)
            || (previousPrimaryLsn >= 0 && lsn >= 0 && lsn < previousPrimaryLsn);
    double lagSeconds = 0;
    if (behind) {
      long since = behindSince.computeIfAbsent(h.name(), k -> now);
      if (Double.isNaN(r.replayAgeSeconds())) {
        lagSeconds = (now - since) / 1e9;
      } else {
        lagSeconds = Math.max(0, r.replayAgeSeconds());
        Long upToDate = caughtUpAt.get(h.name());
        if (upToDate != null) {
          // Caught up then (to where the primary was one round before): no older than this now.
          double bound = (now - upToDate + config.healthCheckInterval().toNanos()) / 1e9;
          lagSeconds = Math.min(lagSeconds, bound);
        }
      }
    } else {
      behindSince.remove(h.name());
      caughtUpAt.put(h.name(), now);
    }
    if (lsn >= 0) {
      h.setKnownReplayLsn(lsn);
    }
    HostState measured =
        new HostState(h, Role.REPLICA, true, "", lsn, lagBytes, lagSeconds, 0, false, "");
    Duration max = config.maxReplicaLag();
    if (!max.isZero() && lagSeconds * 1e9 > max.toNanos()) {
      return measured.withEligibility(
          false,
          "lag " + HostState.seconds(lagSeconds) + " > max-replica-lag " + HostState.format(max));
    }
    return measured.withEligibility(true, "");
  }

  private @Nullable Host choosePrimary(@Nullable Host current, Map<String, HostState> raw) {
    if (config.topology() == Topology.STATIC) {
      for (Host h : hosts) {
        if (h.configuredPrimary()) {
          return h;
        }
      }
      return null;
    }
    Host best = null;
    long bestTimeline = -1;
    for (Host h : hosts) {
      HostState s = requireNonNull(raw.get(h.name()), "state");
      if (!s.reachable() || s.role() != Role.PRIMARY) {
        continue;
      }
      // The highest timeline is the newest promotion; an old primary that came back is older.
      // Ties keep the current primary, so two primaries never make writes flap.
      if (s.timeline() > bestTimeline || (s.timeline() == bestTimeline && h == current)) {
        best = h;
        bestTimeline = s.timeline();
      }
    }
    return best;
  }
}
