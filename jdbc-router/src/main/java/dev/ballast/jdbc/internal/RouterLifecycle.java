package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started {@link Router} with what a {@link RoutingDataSource} adds around it: the meters bound
 * to it, the pools it created, and its logical connections, handed out until it closes. Starting
 * gives back a router that runs with its meters bound, or leaves nothing running; {@link #close()}
 * takes it all down in order, once. Thread-safe.
 */
public final class RouterLifecycle {
  // The data source's category: these lines are the data source's start and end, as users see it.
  private static final Logger log = LoggerFactory.getLogger(RoutingDataSource.class);

  private final Router router;
  private final @Nullable AutoCloseable meters;
  private final boolean defaultAutoCommit;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RouterLifecycle(Router router, @Nullable AutoCloseable meters) {
    this.router = router;
    this.meters = meters;
    HikariDataSource primaryPool = router.hosts().get(0).hikari();
    // logical connections start in the auto-commit mode the primary's own pool gives its own
    this.defaultAutoCommit = primaryPool == null || primaryPool.isAutoCommit();
  }

  /**
   * Starts a router over {@code hosts} (its monitor's first round included) and binds its meters in
   * {@code registry} (a MeterRegistry), if not null; on a failure the router is closed again.
   *
   * @param lease the shared servers the hosts are probed through, given back when the router closes
   *     (also when it fails to start); null when they are not shared
   */
  public static RouterLifecycle start(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      @Nullable Object registry,
      SharedHosts.@Nullable Lease lease) {
    Router router = Router.start(config, dialect, hosts, ticker, lease);
    try {
      AutoCloseable meters = registry == null ? null : MeterSupport.bind(registry, router);
      RouterLifecycle started = new RouterLifecycle(router, meters);
      log.info(
          "Ballast JDBC router '{}' started ({}): {}",
          config.name(),
          config,
          router.monitor().snapshot());
      return started;
    } catch (RuntimeException | Error e) {
      router.close();
      throw e;
    }
  }

  /** The router. */
  public Router router() {
    return router;
  }

  /**
   * A new lazy logical connection, read-only for good if {@code readOnly}.
   *
   * @throws SQLException {@code RoutingDataSource '<name>' is closed}, SQL state 08003, once {@link
   *     #close()} has run
   */
  public Connection connection(boolean readOnly) throws SQLException {
    if (closed.get()) {
      throw new SQLException(
          "RoutingDataSource '" + router.config().name() + "' is closed", "08003");
    }
    return new LogicalConnection(router, readOnly, defaultAutoCommit);
  }

  /**
   * Removes the meters, stops the router, and closes the pools it owns (never data sources the
   * caller handed in). Idempotent.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    AutoCloseable m = meters;
    if (m != null) {
      try {
        m.close();
      } catch (Exception e) {
        log.debug("Ignoring a failure to remove meters", e);
      }
    }
    router.close();
    for (Host h : router.hosts()) {
      HikariDataSource pool = h.hikari();
      if (h.ownsDataSource() && pool != null) {
        pool.close();
      }
    }
    log.info("Ballast JDBC router '{}' closed", router.config().name());
  }
}
