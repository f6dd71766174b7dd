package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Borrows a physical connection from a host's pool without waiting blindly on a dead host, through
 * HikariCP's public API only.
 *
 * <p>HikariCP waits its whole {@code connectionTimeout} when its database is gone. The router's own
 * pools (built from properties) are therefore created with a {@code connectionTimeout} of {@link
 * #OPEN_WAIT_MILLIS}, and the configured one becomes the budget of the whole borrow, which happens
 * in two steps:
 *
 * <ol>
 *   <li>its turn: the {@link PoolGate} lets the borrow into HikariCP only while fewer than {@code
 *       maximumPoolSize} of the router's connections are out. A wait for a busy pool happens there,
 *       in slices of {@link #SLICE_MILLIS}: after each the monitor is asked for a re-check and the
 *       borrow is abandoned when the host is no longer wanted (a replica turned ineligible, another
 *       host became the primary);
 *   <li>HikariCP: it hands out an idle connection or opens one. If it cannot within its short
 *       timeout, the host is failing: a replica's read moves on (the router tries the next replica,
 *       then the primary); a write asks for a re-check and tries again while the host is still
 *       wanted and the budget lasts. While the monitor knows the host unreachable and its pool
 *       holds nothing, the borrow waits for the topology rather than asking HikariCP, in slices of
 *       {@link #DEAD_POOL_SLICE_MILLIS}.
 * </ol>
 *
 * <p>So {@code hikaricp.connections.timeout} counts the borrows a pool gave up on: none for a
 * caller that waited its turn, however long; one when a borrow runs out of budget; one when a pool
 * could not open a connection within {@link #OPEN_WAIT_MILLIS}. A pool the caller gave ({@code
 * RoutingDataSource.builder()}) is used as is: one plain borrow, its own timeout. Stateless.
 */
final class PoolAcquirer {
  /** Slice of a wait for a busy pool: short enough to follow a failover in well under a second. */
  static final long SLICE_MILLIS = 200;

  /**
   * Slice of a wait while the monitor knows the host unreachable and its pool holds nothing (a
   * stopped primary during a failover). Asking the topology more often costs nothing in steady
   * state, and the write moves to the promoted host within this long of the round that found it.
   */
  static final long DEAD_POOL_SLICE_MILLIS = 50;

  /**
   * The {@code connectionTimeout} of the router's own pools: how long a pool may take to open a
   * connection before the borrow counts it as failing. A local connection takes a few milliseconds;
   * a quarter second is generous for a healthy host, short enough not to stall a read that can go
   * elsewhere, and HikariCP's lowest allowed value.
   */
  static final long OPEN_WAIT_MILLIS = 250;

  /**
   * What a borrow asks its router while it waits. One instance per router and kind of borrow, so a
   * borrow that gets its connection at once allocates nothing for the questions it never asked.
   */
  static final class Watch {
    private final TopologyMonitor monitor;
    private final Predicate<Host> stillWanted;

    /** Asks {@code monitor}; {@code stillWanted} says which hosts the borrow may still wait for. */
    Watch(TopologyMonitor monitor, Predicate<Host> stillWanted) {
      this.monitor = monitor;
      this.stillWanted = stillWanted;
    }

    /** Whether the router still wants a connection to {@code host} (abandon the wait if not). */
    boolean stillWanted(Host host) {
      return stillWanted.test(host);
    }

    /** Whether the monitor's last word on {@code host} is that it answers. */
    boolean reachable(Host host) {
      return monitor.snapshot().state(host).reachable();
    }

    /** Called after each slice that found no connection: asks the monitor to re-check. */
    void onSlow() {
      monitor.requestRecheck();
    }
  }

  private PoolAcquirer() {}

  /**
   * A connection from {@code host}'s pool, or null when the borrow was abandoned because {@code
   * watch} no longer wanted the host.
   *
   * @throws SQLException when the budget ran out (SQLTransientConnectionException naming the pool)
   *     or the pool failed otherwise
   */
  static @Nullable Connection acquire(Host host, Watch watch) throws SQLException {
    return acquire(host, watch, false);
  }

  /**
   * As {@link #acquire}, for a read on a replica: gives up as soon as the pool, not full, could not
   * open a connection within {@link #OPEN_WAIT_MILLIS}.
   *
   * @throws SQLException (SQLState 08001) naming the pool, how many connections it has and its last
   *     connection failure, when it gave up; as {@link #acquire} otherwise
   */
  static @Nullable Connection acquireReplica(Host host, Watch watch) throws SQLException {
    return acquire(host, watch, true);
  }

  private static @Nullable Connection acquire(Host host, Watch watch, boolean replica)
      throws SQLException {
    HikariDataSource hikari = host.hikari();
    if (hikari == null) {
      return host.dataSource().getConnection();
    }
    PoolGate gate = host.gate();
    HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
    if (gate == null || mx == null) {
      return hikari.getConnection();
    }
    long budgetMillis = host.borrowBudgetMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    if (!takeTurn(host, hikari, gate, deadline, watch)) {
      return null;
    }
    boolean handedOut = false;
    try {
      SQLTransientConnectionException missed = null;
      while (true) {
        long left = deadline - System.nanoTime();
        if (mx.getTotalConnections() == 0 && !watch.reachable(host)) {
          // HikariCP could only time out: wait for the topology instead. At the end of the budget
          // a borrow that has not asked HikariCP yet asks once, so that its timeout is counted.
          if (left > 0) {
            pause(hikari, Math.min(left, TimeUnit.MILLISECONDS.toNanos(DEAD_POOL_SLICE_MILLIS)));
            watch.onSlow();
            if (!watch.stillWanted(host)) {
              return null;
            }
            continue;
          }
          if (missed != null) {
            throw timedOut(hikari, budgetMillis, mx.getTotalConnections(), missed);
          }
        }
        try {
          Connection c = hikari.getConnection();
          handedOut = true;
          return c;
        } catch (SQLTransientConnectionException e) {
          // HikariCP's own timeout: with the turn taken, the pool could not open a connection.
          int open = mx.getTotalConnections();
          if (replica && open < hikari.getMaximumPoolSize()) {
            throw cannotConnect(hikari, open, e);
          }
          if (System.nanoTime() - deadline >= 0) {
            throw timedOut(hikari, budgetMillis, open, e);
          }
          missed = e;
          watch.onSlow();
          if (!watch.stillWanted(host)) {
            return null;
          }
        }
      }
    } finally {
      if (!handedOut) {
        gate.leave();
      }
    }
  }

  /**
   * Waits for the borrow's turn at {@code gate} until {@link #OPEN_WAIT_MILLIS} before {@code
   * deadline}, then enters anyway: the last attempt goes to HikariCP, whose timeout then counts the
   * borrow. {@return false when the borrow was abandoned (the turn is not taken)}
   */
  private static boolean takeTurn(
      Host host, HikariDataSource hikari, PoolGate gate, long deadline, Watch watch)
      throws SQLException {
    long turnDeadline = deadline - TimeUnit.MILLISECONDS.toNanos(OPEN_WAIT_MILLIS);
    long slice = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
    try {
      while (!gate.enter(Math.min(slice, turnDeadline - System.nanoTime()))) {
        if (System.nanoTime() - turnDeadline >= 0) {
          gate.enterAnyway();
          return true;
        }
        watch.onSlow();
        if (!watch.stillWanted(host)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(hikari, e);
    }
  }

  /** Parks for {@code nanos}; an interrupt ends the borrow as HikariCP ends its own. */
  private static void pause(HikariDataSource hikari, long nanos) throws SQLException {
    LockSupport.parkNanos(nanos);
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(hikari, null);
    }
  }

  private static SQLException interrupted(HikariDataSource hikari, @Nullable Throwable cause) {
    return new SQLException(
        "pool '" + hikari.getPoolName() + "': interrupted while waiting for a connection",
        "08001",
        cause);
  }

  /**
   * Why a replica's pool was given up on, e.g. {@code pool 'db-r1' gave no connection within 250ms
   * with 0 of 10 open: Connection to 10.0.1.10:5432 refused}. A plain {@link SQLException} (08001),
   * so that {@link SqlStates#shortMessage} keeps this message rather than the pool's.
   */
  private static SQLException cannotConnect(
      HikariDataSource hikari, int open, SQLTransientConnectionException timeout) {
    return new SQLException(gaveNothing(hikari, OPEN_WAIT_MILLIS, open, timeout), "08001", timeout);
  }

  /**
   * A borrow that ran out of budget, e.g. {@code pool 'db-primary' gave no connection within 5000ms
   * with 10 of 10 open}: the configured wait, not HikariCP's last short one.
   */
  private static SQLTransientConnectionException timedOut(
      HikariDataSource hikari,
      long budgetMillis,
      int open,
      SQLTransientConnectionException timeout) {
    return new SQLTransientConnectionException(
        gaveNothing(hikari, budgetMillis, open, timeout), timeout.getSQLState(), timeout);
  }

  private static String gaveNothing(
      HikariDataSource hikari, long millis, int open, SQLTransientConnectionException timeout) {
    Throwable cause = driverFailure(timeout.getCause());
    return "pool '"
        + hikari.getPoolName()
        + "' gave no connection within "
        + millis
        + "ms with "
        + open
        + " of "
        + hikari.getMaximumPoolSize()
        + " open"
        + (cause == null ? "" : ": " + SqlStates.shortMessage(cause));
  }

  /** The innermost {@link SQLException} of {@code t}'s causes (HikariCP wraps the driver's). */
  private static @Nullable Throwable driverFailure(@Nullable Throwable t) {
    Throwable found = t;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SQLException) {
        found = c;
      }
    }
    return found;
  }
}
