package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.Topology;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The {@link Router}'s way to the primary: the host the monitor's snapshot names, borrowed while it
 * is still the primary, and followed when a promotion moves the role while a borrow waits. Used for
 * writes, and for reads that fall back or must see this context's writes. Thread-safe; holds only
 * the route recorder (set after start) as mutable state.
 */
final class PrimaryRoute {
  private final RouterConfig config;
  private final Dialect dialect;
  private final TopologyMonitor monitor;
  private final Ticker ticker;
  private final int hostCount;
  private volatile RouteRecorder recorder = RouteRecorder.NONE;

  /** A write waits for the primary's pool while that host is still the primary. */
  private final PoolAcquirer.Watch watch;

  PrimaryRoute(
      RouterConfig config, Dialect dialect, TopologyMonitor monitor, Ticker ticker, int hostCount) {
    this.config = config;
    this.dialect = dialect;
    this.monitor = monitor;
    this.ticker = ticker;
    this.hostCount = hostCount;
    this.watch =
        new PoolAcquirer.Watch(
            monitor,
            h -> config.topology() == Topology.STATIC || monitor.snapshot().primary() == h);
  }

  /** Sets the recorder of routing decisions (metrics). */
  void setRecorder(RouteRecorder value) {
    recorder = value;
  }

  /** The recorder of routing decisions. */
  RouteRecorder recorder() {
    return recorder;
  }

  /** A primary connection for {@code reason}, recorded as a routing decision. */
  Binding bind(RouteReason reason) throws SQLException {
    Binding b = acquire(reason);
    recorder.routed(reason);
    return b;
  }

  /**
   * A primary connection for {@code reason}, not recorded (the router's own questions).
   *
   * @throws SQLTransientConnectionException when there is no primary (auto topology), naming every
   *     host and its last known state
   * @throws SQLException the pool's failure
   */
  Binding acquire(RouteReason reason) throws SQLException {
    long start = ticker.nanoTime();
    TopologySnapshot snap = monitor.snapshot();
    Host target = snap.primary();
    for (int switches = 0; switches <= hostCount; switches++) {
      if (target == null) {
        // A write that finds no primary asks for a round now: during a failover the promoted
        // replica leaves recovery a moment after the failure's own re-check found none, and
        // waiting for the next interval would add up to a whole interval to the outage. Only
        // failing writes ask (coalesced, at most one round per 50 ms): none in steady state.
        monitor.requestRecheck();
        throw noPrimary(monitor.snapshot());
      }
      Host wanted = target;
      Connection c;
      try {
        c = PoolAcquirer.acquire(wanted, watch);
      } catch (SQLException e) {
        if (dialect.isConnectionFailure(e)) {
          monitor.requestRecheck();
        }
        throw e;
      }
      if (c != null) {
        return new Binding(wanted, c, reason, null, start);
      }
      // The primary moved (promotion) or vanished while we waited for its pool.
      target = monitor.snapshot().primary();
    }
    monitor.requestRecheck();
    throw noPrimary(monitor.snapshot());
  }

  private SQLTransientConnectionException noPrimary(TopologySnapshot snap) {
    String why =
        snap.conflict().isEmpty()
            ? "writes fail until a host is reachable and not in recovery: "
            : snap.conflict() + ": ";
    return new SQLTransientConnectionException(
        "no primary for '"
            + config.name()
            + "' (topology="
            + config.topology().propertyName()
            + "): "
            + why
            + snap.describe(snap.states()),
        "08001");
  }
}
