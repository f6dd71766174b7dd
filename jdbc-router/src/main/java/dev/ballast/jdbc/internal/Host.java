package dev.ballast.jdbc.internal;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One database host: its name, configured role, zone, its own connection pool, and how the monitor
 * probes it. Pools are per host and never switch hosts: a promotion changes which host is the
 * primary, not where a pool's connections go. Thread-safe.
 */
public final class Host {
  private final String name;
  private final boolean configuredPrimary;
  private final String zone;
  private final DataSource dataSource;
  private final boolean ownsDataSource;
  private final String location;
  private final Endpoint endpoint;
  private final ProbeConnector probe;
  private final @Nullable PoolGate gate;
  private final long borrowBudgetMillis;
  private final AtomicLong knownReplayLsn = new AtomicLong(Lsns.NONE);
  private volatile @Nullable Position knownPosition;

  /**
   * A host.
   *
   * @param name unique among the router's hosts ({@code primary}, {@code r1}, …)
   * @param configuredPrimary whether the configuration names it the primary
   * @param zone zone label, empty when unknown
   * @param dataSource the host's pool
   * @param ownsDataSource whether the router closes the pool on close (its own Hikari pools)
   * @param location where it is, for messages: a masked URL or a data source description
   * @param probe how the monitor connects to it
   */
  public Host(
      String name,
      boolean configuredPrimary,
      String zone,
      DataSource dataSource,
      boolean ownsDataSource,
      String location,
      ProbeConnector probe) {
    this(name, configuredPrimary, zone, dataSource, ownsDataSource, location, probe, 0);
  }

  private Host(
      String name,
      boolean configuredPrimary,
      String zone,
      DataSource dataSource,
      boolean ownsDataSource,
      String location,
      ProbeConnector probe,
      long borrowBudgetMillis) {
    this.name = requireNonNull(name, "name");
    this.configuredPrimary = configuredPrimary;
    this.zone = requireNonNull(zone, "zone");
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.ownsDataSource = ownsDataSource;
    this.location = requireNonNull(location, "location");
    this.probe = requireNonNull(probe, "probe");
    this.endpoint =
        Endpoint.builder(Urls.host(location, name), Urls.port(location, 1))
            .id(name)
            .zone(zone)
            .build();
    HikariDataSource h = hikari();
    this.gate = borrowBudgetMillis > 0 && h != null ? new PoolGate(h::getMaximumPoolSize) : null;
    this.borrowBudgetMillis = borrowBudgetMillis;
  }

  /**
   * A host with a HikariCP pool of the router's own, built from {@code config}, which this changes:
   * the pool's {@code connectionTimeout} becomes {@link PoolAcquirer#OPEN_WAIT_MILLIS}, and the
   * configured one bounds each borrow of the router's as a whole (see {@link PoolAcquirer}). The
   * router closes the pool.
   *
   * @throws RuntimeException what HikariCP throws when the pool cannot start
   */
  public static Host ownPool(
      String name,
      boolean configuredPrimary,
      String zone,
      HikariConfig config,
      String location,
      ProbeConnector probe) {
    long budget = config.getConnectionTimeout();
    if (budget > PoolAcquirer.OPEN_WAIT_MILLIS) {
      keepLoginTimeout(config, budget);
      config.setConnectionTimeout(PoolAcquirer.OPEN_WAIT_MILLIS);
    }
    HikariDataSource pool = new HikariDataSource(config);
    return new Host(name, configuredPrimary, zone, pool, true, location, probe, budget);
  }

  /**
   * HikariCP derives the driver's login timeout from {@code connectionTimeout} (at least 1 s): with
   * the short one, a connection that takes a loaded server more than a second to open would never
   * be made, where the configured timeout let it finish and serve the next borrower. pgjdbc takes
   * its own {@code loginTimeout} property before the JVM-wide one HikariCP sets.
   */
  private static void keepLoginTimeout(HikariConfig config, long budgetMillis) {
    String url = config.getJdbcUrl();
    if (url != null
        && url.startsWith("jdbc:postgresql:")
        && budgetMillis < Integer.MAX_VALUE
        && !config.getDataSourceProperties().containsKey("loginTimeout")) {
      long seconds = Math.max(1, (budgetMillis + 500) / 1000);
      config.addDataSourceProperty("loginTimeout", String.valueOf(seconds));
    }
  }

  /** The host's name. */
  public String name() {
    return name;
  }

  /** Whether the configuration names this host the primary. */
  public boolean configuredPrimary() {
    return configuredPrimary;
  }

  /** Zone label; empty when unknown. */
  public String zone() {
    return zone;
  }

  /** The host's pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The host's pool if it is a HikariCP pool, else null. */
  public @Nullable HikariDataSource hikari() {
    return dataSource instanceof HikariDataSource h ? h : null;
  }

  /**
   * Retires every connection of the host's HikariCP pool: idle ones are closed now, busy ones when
   * they are given back, and later borrowers get new connections. For after a connection-class
   * failure: a restart or failover kills every session of the host at once, and a pooled connection
   * that was used less than HikariCP's validation bypass ago (500 ms) is handed out unchecked. Does
   * nothing for other data sources or a closed pool. Any thread.
   */
  void softEvict() {
    HikariDataSource h = hikari();
    if (h == null || h.isClosed()) {
      return;
    }
    HikariPoolMXBean pool = h.getHikariPoolMXBean();
    if (pool != null) {
      pool.softEvictConnections();
    }
  }

  /**
   * The gate of a pool of the router's own ({@link #ownPool}), which counts the connections the
   * router holds from it; null for other data sources.
   */
  @Nullable PoolGate gate() {
    return gate;
  }

  /** How long a borrow from a pool of the router's own may take in all; 0 for other pools. */
  long borrowBudgetMillis() {
    return borrowBudgetMillis;
  }

  /**
   * The connection to make statements on, for {@code physical} borrowed from this host. On a
   * HikariCP pool it is the driver's connection inside HikariCP's proxy: the router's statement and
   * result-set wrappers already do what HikariCP's own would (the statements are closed when the
   * connection is given back, unfinished work is rolled back, and a connection that failed is
   * evicted, see {@link #giveBack(Connection, boolean)}), so a second wrapper per statement and per
   * result set would only cost bytes and calls. Other pools' connections are used as they come.
   */
  Connection forStatements(Connection physical) throws SQLException {
    return hikari() != null ? physical.unwrap(Connection.class) : physical;
  }

  /**
   * Gives {@code physical}, borrowed from this host's pool, back to it, and its turn at the pool's
   * gate. Exactly once per connection the router borrowed. Any thread.
   */
  void giveBack(Connection physical) {
    giveBack(physical, false);
  }

  /**
   * Gives {@code physical} back; when {@code failed} (a connection-class failure was seen on it)
   * and the pool is HikariCP's, evicts it instead, because the statements that failed were made on
   * the driver's connection ({@link #forStatements}) and HikariCP did not see the failure.
   */
  void giveBack(Connection physical, boolean failed) {
    HikariDataSource h = failed ? hikari() : null;
    if (h != null && !h.isClosed()) {
      try {
        h.evictConnection(physical);
      } catch (RuntimeException e) {
        JdbcClose.quietly(physical);
      }
    } else {
      JdbcClose.quietly(physical);
    }
    PoolGate g = gate;
    if (g != null) {
      g.leave();
    }
  }

  /** Whether the router created the pool and closes it. */
  public boolean ownsDataSource() {
    return ownsDataSource;
  }

  /** Masked URL or description, for messages. */
  public String location() {
    return location;
  }

  /** This host as a load-balancer endpoint (id = name). */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The monitor's way in. */
  public ProbeConnector probe() {
    return probe;
  }

  /**
   * The highest replay position known for this host (bytes), {@link Lsns#NONE} when unknown. Set by
   * each probe round; raised between rounds by read-your-writes checks.
   */
  public long knownReplayLsn() {
    return knownReplayLsn.get();
  }

  /** Records a probe's replay position (may lower the value, e.g. after a host was rebuilt). */
  void setKnownReplayLsn(long lsn) {
    knownReplayLsn.set(lsn);
  }

  /** Records a replay position observed by a read; never lowers the value. */
  void observeReplayLsn(long lsn) {
    knownReplayLsn.accumulateAndGet(lsn, Math::max);
  }

  /**
   * Whether this host is known to have applied {@code required} (GTID engines): from the last probe
   * round, raised between rounds by read-your-writes waits. False when nothing is known.
   */
  public boolean knownToCover(Position required) {
    Position p = knownPosition;
    return p != null && p.covers(required);
  }

  /** Records a probe's position (may lower it, e.g. after the host was rebuilt). */
  void setKnownPosition(Position position) {
    knownPosition = position;
  }

  /** Records a position a read saw applied; never loses what was known. */
  synchronized void observePosition(Position position) {
    Position p = knownPosition;
    knownPosition = p == null ? position : p.merge(position);
  }

  @Override
  public String toString() {
    return name + "(" + location + (zone.isEmpty() ? "" : ", zone " + zone) + ")";
  }
}
