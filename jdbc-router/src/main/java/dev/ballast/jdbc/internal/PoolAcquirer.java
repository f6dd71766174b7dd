package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Borrows a physical connection from a host's pool without waiting blindly on a dead host, through
 * HikariCP's public API only.
 *
 * <p>HikariCP waits its whole {@code connectionTimeout} (30 s by default) when its database is
 * gone. A borrow from one of the router's own Hikari pools is one plain {@link
 * HikariDataSource#getConnection()}, watched from the acquirer's own thread: every {@link
 * #SLICE_MILLIS} that it is still waiting, the monitor is asked for a re-check, and as soon as the
 * host is no longer wanted (a replica turned ineligible, or another host became the primary) the
 * borrowing thread is interrupted, which HikariCP answers by giving up the borrow at once. Only a
 * borrow that really waited the pool's whole timeout goes through HikariCP's timeout path, so
 * {@code hikaricp.connections.timeout} counts real timeouts only. Other data sources are borrowed
 * from plainly.
 *
 * <p>A replica's pool is given up on sooner ({@link #acquireReplica}): when the borrow has waited
 * {@link #REPLICA_WAIT_MILLIS} while the pool is not full ({@link HikariPoolMXBean}), the pool
 * cannot open connections (a replica that has just come back, a connection limit, a failing init
 * SQL) and the read is better served by another replica or the primary. A full pool whose
 * connections are all busy is load, not failure: that borrow waits as long as a primary's.
 *
 * <p>Thread-safe. An interrupt the acquirer sent is always cleared before the borrowing method
 * returns; an interrupt from anyone else is left alone and fails the borrow as HikariCP fails it.
 */
final class PoolAcquirer implements AutoCloseable {
  /** Watch period: short enough to follow a failover in well under a second. */
  static final long SLICE_MILLIS = 200;

  /**
   * How long a read waits for a replica pool that cannot open connections before trying elsewhere
   * (at most the pool's {@code connectionTimeout}). A local connection takes a few milliseconds; a
   * quarter second is generous for a healthy host and short enough not to stall the read.
   */
  static final long REPLICA_WAIT_MILLIS = 250;

  private final ScheduledThreadPoolExecutor watchdog;

  /** An acquirer whose watching thread is a daemon named after {@code routerName}. */
  PoolAcquirer(String routerName) {
    watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setName("ballast-jdbc-" + routerName + "-acquire");
              t.setDaemon(true);
              return t;
            });
    // a borrow that ends before its first check leaves nothing queued behind it
    watchdog.setRemoveOnCancelPolicy(true);
  }

  /**
   * A connection from {@code host}'s pool, or null when the borrow was abandoned because {@code
   * stillWanted} turned false.
   *
   * @param onSlow called every {@link #SLICE_MILLIS} that the borrow still waits (ask the monitor
   *     to re-check); runs on the acquirer's thread
   * @throws SQLException the pool's own failure once its timeout has passed
   */
  @Nullable Connection acquire(Host host, BooleanSupplier stillWanted, Runnable onSlow)
      throws SQLException {
    return acquire(host, stillWanted, onSlow, false);
  }

  /**
   * As {@link #acquire}, for a read on a replica: gives up after {@link #REPLICA_WAIT_MILLIS} (or
   * the pool's timeout, if shorter) when the pool is not full, i.e. it cannot open connections.
   *
   * @throws SQLException (SQLState 08001) naming the pool, how many connections it has and its last
   *     connection failure, when it gave up; or the pool's own failure once its timeout has passed
   */
  @Nullable Connection acquireReplica(Host host, BooleanSupplier stillWanted, Runnable onSlow)
      throws SQLException {
    return acquire(host, stillWanted, onSlow, true);
  }

  private @Nullable Connection acquire(
      Host host, BooleanSupplier stillWanted, Runnable onSlow, boolean replica)
      throws SQLException {
    HikariDataSource hikari = host.hikari();
    if (hikari == null) {
      return host.dataSource().getConnection();
    }
    HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
    if (mx == null || hikari.isClosed()) {
      return hikari.getConnection();
    }
    long firstMillis =
        replica ? Math.min(REPLICA_WAIT_MILLIS, hikari.getConnectionTimeout()) : SLICE_MILLIS;
    BorrowWatch watch =
        new BorrowWatch(Thread.currentThread(), hikari, mx, stillWanted, onSlow, replica, watchdog);
    try {
      watch.arm(firstMillis);
    } catch (RejectedExecutionException closing) {
      return hikari.getConnection();
    }
    Connection c;
    try {
      c = hikari.getConnection();
    } catch (SQLException e) {
      BorrowWatch.Verdict v = watch.finish();
      if (v == BorrowWatch.Verdict.NOT_WANTED) {
        return null;
      }
      if (v == BorrowWatch.Verdict.CANNOT_CONNECT) {
        throw cannotConnect(hikari, firstMillis, watch.openAtVerdict(), e);
      }
      throw e;
    }
    // A verdict that came too late to stop the borrow is dropped: the connection is good.
    watch.finish();
    return c;
  }

  /** Stops the watching thread; borrows after this are plain HikariCP borrows. Idempotent. */
  @Override
  public void close() {
    watchdog.shutdownNow();
  }

  /** Used by tests: the watching thread's executor. */
  ScheduledExecutorService watchdog() {
    return watchdog;
  }

  /**
   * Why a replica's pool was given up on, e.g. {@code pool 'db-r1' gave no connection within 250ms
   * with 0 of 10 open}. A plain {@link SQLException} (08001), so that {@link
   * SqlStates#shortMessage} keeps this message rather than the pool's.
   */
  private static SQLException cannotConnect(
      HikariDataSource hikari, long waitedMillis, int open, SQLException interrupted) {
    return new SQLException(
        "pool '"
            + hikari.getPoolName()
            + "' gave no connection within "
            + waitedMillis
            + "ms with "
            + open
            + " of "
            + hikari.getMaximumPoolSize()
            + " open",
        "08001",
        interrupted);
  }
}
