package dev.ballast.jdbc.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The monitor's view of every host at one moment: each host's state, which host is the primary (if
 * any), and which replicas are eligible for reads. Immutable; published with one volatile write, so
 * readers never see half a round.
 */
public final class TopologySnapshot {
  private final Map<String, HostState> states;
  private final @Nullable Host primary;
  private final int eligibleReplicas;
  private final long primaryLsn;
  private final String conflict;

  TopologySnapshot(List<HostState> states, @Nullable Host primary, long primaryLsn) {
    this(states, primary, primaryLsn, "");
  }

  TopologySnapshot(
      List<HostState> states, @Nullable Host primary, long primaryLsn, String conflict) {
    Map<String, HostState> m = new LinkedHashMap<>();
    int eligible = 0;
    for (HostState s : states) {
      m.put(s.host().name(), s);
      if (s.eligible()) {
        eligible++;
      }
    }
    this.states = Collections.unmodifiableMap(m);
    this.primary = primary;
    this.eligibleReplicas = eligible;
    this.primaryLsn = primaryLsn;
    this.conflict = conflict;
  }

  /**
   * Why there is no primary although hosts are writable (e.g. two writable hosts of an engine that
   * cannot tell the newer one); empty when there is no such conflict.
   */
  public String conflict() {
    return conflict;
  }

  /** The host writes go to; null when no host is a reachable primary (auto topology). */
  public @Nullable Host primary() {
    return primary;
  }

  /** The state of {@code host}. */
  public HostState state(Host host) {
    HostState s = states.get(host.name());
    if (s == null) {
      throw new IllegalArgumentException("host: " + host.name() + " (expected: a router host)");
    }
    return s;
  }

  /** Every host's state, in configuration order. */
  public List<HostState> states() {
    return List.copyOf(states.values());
  }

  /** How many replicas are eligible for reads. */
  public int eligibleReplicas() {
    return eligibleReplicas;
  }

  /** The primary's WAL position at the last probe; {@link Lsns#NONE} when unknown. */
  public long primaryLsn() {
    return primaryLsn;
  }

  /** The hosts that are not the primary: the read candidates, eligible or not. */
  public List<HostState> readCandidates() {
    List<HostState> result = new ArrayList<>();
    for (HostState s : states.values()) {
      if (s.host() != primary) {
        result.add(s);
      }
    }
    return result;
  }

  /** One line per host, {@code ; }-separated, for messages. */
  public String describe(List<HostState> which) {
    StringBuilder sb = new StringBuilder();
    for (HostState s : which) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(s.describe());
    }
    return sb.length() == 0 ? "(no hosts)" : sb.toString();
  }

  @Override
  public String toString() {
    return "primary=" + (primary == null ? "(none)" : primary.name()) + ": " + describe(states());
  }
}
