package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.RoutingDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link RoutingDataSource} reports about its router's hosts for health endpoints, logs and
 * administration: names, the primary, the eligible replicas and their lag, as of the monitor's last
 * round (one snapshot per answer, so an answer never mixes two rounds). Stateless.
 */
public final class RouterStatus {
  private RouterStatus() {}

  /** The host names, the configured primary first; a new list the caller may change. */
  public static List<String> hostNames(Router router) {
    List<String> names = new ArrayList<>();
    for (Host h : router.hosts()) {
      names.add(h.name());
    }
    return names;
  }

  /**
   * The pool of the host named {@code hostName}.
   *
   * @throws IllegalArgumentException {@code hostName: <name> (expected: one of [<names>])}
   */
  public static DataSource dataSource(Router router, String hostName) {
    Host h = router.host(hostName);
    if (h == null) {
      throw new IllegalArgumentException(
          "hostName: " + hostName + " (expected: one of " + hostNames(router) + ")");
    }
    return h.dataSource();
  }

  /** The current primary's host name; empty while no host is a reachable primary. */
  public static Optional<String> primaryHost(Router router) {
    Host p = router.monitor().snapshot().primary();
    return p == null ? Optional.empty() : Optional.of(p.name());
  }

  /**
   * The current primary's data source; the configured primary's while no host is a reachable
   * primary.
   */
  public static DataSource primaryDataSource(Router router) {
    Host p = router.monitor().snapshot().primary();
    return p != null ? p.dataSource() : router.hosts().get(0).dataSource();
  }

  /** The replicas eligible for reads, by host name in configuration order. */
  public static List<String> eligibleReplicas(Router router) {
    List<String> names = new ArrayList<>();
    for (HostState st : router.monitor().snapshot().readCandidates()) {
      if (st.eligible()) {
        names.add(st.host().name());
      }
    }
    return names;
  }

  /** The largest replay lag among the reachable replicas; zero when there is none. */
  public static Duration worstReplicaLag(Router router) {
    double worst = 0;
    for (HostState st : router.monitor().snapshot().readCandidates()) {
      if (st.reachable()) {
        worst = Math.max(worst, st.lagSeconds());
      }
    }
    return Duration.ofNanos((long) (worst * 1e9));
  }

  /** The router's name and settings, then every host's last known state, one line each. */
  public static String describe(Router router) {
    TopologySnapshot s = router.monitor().snapshot();
    StringBuilder sb =
        new StringBuilder("RoutingDataSource '").append(router.config().name()).append("' (");
    sb.append(router.config()).append(")");
    s.states().forEach(st -> sb.append("\n  ").append(st.describe()));
    return sb.toString();
  }
}
