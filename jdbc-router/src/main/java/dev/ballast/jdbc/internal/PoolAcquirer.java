package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Borrows a physical connection from a host's pool without waiting blindly on a dead host.
 *
 * <p>HikariCP waits its whole {@code connectionTimeout} (30 s by default) when its database is
 * gone. For the router's own Hikari pools the wait is cut into short slices: after each empty slice
 * the monitor is asked for a re-check, and the borrow is abandoned as soon as the host is no longer
 * wanted (a replica turned ineligible, or another host became the primary). The total wait never
 * exceeds the pool's own timeout. Other data sources are borrowed from plainly. Stateless.
 *
 * <p>A replica's pool is given up on sooner ({@link #acquireReplica}): when a slice of {@link
 * #REPLICA_WAIT_MILLIS} ends without a connection while the pool is not full, the pool cannot open
 * connections (a replica that has just come back, a connection limit, a failing init SQL) and the
 * read is better served by another replica or the primary. A full pool whose connections are all
 * busy is load, not failure: that borrow waits as long as a primary's.
 */
final class PoolAcquirer {
  /** Slice length: short enough to follow a failover in well under a second. */
  static final long SLICE_MILLIS = 200;

  /**
   * Slice length once the pool has no connection at all: its host refuses or does not answer (a
   * stopped primary during a failover). Such a pool serves nobody, so asking it more often costs
   * nothing in steady state, and the write moves to the promoted host within this long of the round
   * that found it instead of within a whole {@link #SLICE_MILLIS}.
   */
  static final long DEAD_POOL_SLICE_MILLIS = 50;

  /**
   * How long a read waits for a replica pool that cannot open connections before trying elsewhere
   * (at most the pool's {@code connectionTimeout}). A local connection takes a few milliseconds; a
   * quarter second is generous for a healthy host and short enough not to stall the read.
   */
  static final long REPLICA_WAIT_MILLIS = 250;

  private PoolAcquirer() {}

  /**
   * A connection from {@code host}'s pool, or null when the borrow was abandoned because {@code
   * stillWanted} turned false.
   *
   * @param onSlow called after each slice that found no connection (ask the monitor to re-check)
   * @throws SQLException the pool's own failure once its timeout has passed
   */
  static @Nullable Connection acquire(Host host, BooleanSupplier stillWanted, Runnable onSlow)
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
  static @Nullable Connection acquireReplica(
      Host host, BooleanSupplier stillWanted, Runnable onSlow) throws SQLException {
    return acquire(host, stillWanted, onSlow, true);
  }

  private static @Nullable Connection acquire(
      Host host, BooleanSupplier stillWanted, Runnable onSlow, boolean replica)
      throws SQLException {
    HikariDataSource hikari = host.hikari();
    if (hikari == null) {
      return host.dataSource().getConnection();
    }
    HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
    if (!(mx instanceof HikariPool pool) || hikari.isClosed()) {
      return hikari.getConnection();
    }
    long timeoutMillis = hikari.getConnectionTimeout();
    long totalNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long start = System.nanoTime();
    long sliceMillis = replica ? Math.min(REPLICA_WAIT_MILLIS, timeoutMillis) : SLICE_MILLIS;
    while (true) {
      long remaining = totalNanos - (System.nanoTime() - start);
      long slice = Math.max(1, Math.min(sliceMillis, TimeUnit.NANOSECONDS.toMillis(remaining)));
      try {
        // getConnection(timeout) either returns a connection or throws: a connection that the
        // pool opens after the slice ended stays in the pool for the next borrower, none leaks.
        return pool.getConnection(slice);
      } catch (SQLTransientConnectionException e) {
        if (System.nanoTime() - start >= totalNanos) {
          throw e;
        }
        int open = pool.getTotalConnections();
        if (replica && open < hikari.getMaximumPoolSize()) {
          throw cannotConnect(hikari, sliceMillis, open, e);
        }
        sliceMillis = sliceAfterMiss(open);
        onSlow.run();
        if (!stillWanted.getAsBoolean()) {
          return null;
        }
      }
    }
  }

  /**
   * The next slice after one that gave no connection, with {@code open} connections in the pool.
   */
  static long sliceAfterMiss(int open) {
    return open == 0 ? DEAD_POOL_SLICE_MILLIS : SLICE_MILLIS;
  }

  /**
   * Why a replica's pool was given up on, e.g. {@code pool 'db-r1' gave no connection within 250ms
   * with 0 of 10 open: Connection to 10.0.1.10:5432 refused}. A plain {@link SQLException} (08001),
   * so that {@link SqlStates#shortMessage} keeps this message rather than the pool's.
   */
  private static SQLException cannotConnect(
      HikariDataSource hikari,
      long waitedMillis,
      int open,
      SQLTransientConnectionException timeout) {
    Throwable cause = driverFailure(timeout.getCause());
    return new SQLException(
        "pool '"
            + hikari.getPoolName()
            + "' gave no connection within "
            + waitedMillis
            + "ms with "
            + open
            + " of "
            + hikari.getMaximumPoolSize()
            + " open"
            + (cause == null ? "" : ": " + SqlStates.shortMessage(cause)),
        "08001",
        timeout);
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
