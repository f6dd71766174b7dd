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
 */
final class PoolAcquirer {
  /** Slice length: short enough to follow a failover in well under a second. */
  static final long SLICE_MILLIS = 200;

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
    HikariDataSource hikari = host.hikari();
    if (hikari == null) {
      return host.dataSource().getConnection();
    }
    HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
    if (!(mx instanceof HikariPool pool) || hikari.isClosed()) {
      return hikari.getConnection();
    }
    long totalNanos = TimeUnit.MILLISECONDS.toNanos(hikari.getConnectionTimeout());
    long start = System.nanoTime();
    while (true) {
      long remaining = totalNanos - (System.nanoTime() - start);
      long slice = Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining)));
      try {
        return pool.getConnection(slice);
      } catch (SQLTransientConnectionException e) {
        if (System.nanoTime() - start >= totalNanos) {
          throw e;
        }
        onSlow.run();
        if (!stillWanted.getAsBoolean()) {
          return null;
        }
      }
    }
  }
}
