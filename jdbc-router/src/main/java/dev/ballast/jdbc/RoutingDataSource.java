package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.internal.DriverProbeConnector;
import dev.ballast.jdbc.internal.Host;
import dev.ballast.jdbc.internal.HostState;
import dev.ballast.jdbc.internal.JdbcProperties;
import dev.ballast.jdbc.internal.LogicalConnection;
import dev.ballast.jdbc.internal.MeterSupport;
import dev.ballast.jdbc.internal.PooledProbeConnector;
import dev.ballast.jdbc.internal.ReadsDataSource;
import dev.ballast.jdbc.internal.Router;
import dev.ballast.jdbc.internal.RouterConfig;
import dev.ballast.jdbc.internal.SharedHosts;
import dev.ballast.jdbc.internal.TopologySnapshot;
import dev.ballast.jdbc.internal.Urls;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A {@link DataSource} that sends read-write work to the primary and read-only work to replicas.
 *
 * <p>{@link #getConnection()} returns a lazy connection that takes a physical connection only at
 * its first real use: by then the caller has said whether the work is read-only ({@code
 * setReadOnly(true)}, as Spring's {@code @Transactional(readOnly = true)} does after getting the
 * connection). Read-only work goes to an eligible replica (reachable, a replica, within {@code
 * max-replica-lag}), chosen in the caller's zone first and by least outstanding requests by
 * default; everything else goes to the primary. A transaction never moves between hosts. {@link
 * #forReads()} is a view whose connections are always read-only.
 *
 * <p>Every host has its own connection pool (HikariCP when built {@link #fromProperties from
 * properties}); pools never switch hosts. A monitor thread probes every host each health interval
 * for reachability, role and replication lag, and at once after a connection failure.
 *
 * <p><b>Engines.</b> PostgreSQL, MariaDB and MySQL, told apart by the primary's JDBC URL ({@code
 * jdbc:postgresql:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:}); the {@link Builder} takes it from
 * a HikariCP primary's {@code jdbcUrl} and assumes PostgreSQL for any other data source. Routers of
 * one process whose hosts are on the same server ({@code host:port}, e.g. two logical databases of
 * one cluster) share one probe per server and interval.
 *
 * <p><b>Read-your-writes</b> ({@code read-your-writes=window|lsn|gtid}) is kept per thread, in a
 * scope opened by {@link #withToken} or {@link #runWith} (one per request; it ends with the scope),
 * or without a scope only while the logical connection that wrote is open: closing it on its thread
 * ends the thread's token and window, so a pooled thread carries nothing into its next request.
 * {@link #currentToken()} captured in a scope, passed on, and {@link #withToken} on the other
 * thread (a {@code CompletableFuture} stage, an executor, another service) hand read-your-writes
 * over.
 *
 * <p>Thread-safe. Connections it hands out are, like any JDBC connection, for one thread at a time.
 * {@link #close()} stops the monitor and closes the pools it created (never data sources given to
 * the {@link Builder}).
 */
public final class RoutingDataSource implements DataSource, AutoCloseable {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(RoutingDataSource.class);

  private final Router router;
  private final boolean defaultAutoCommit;
  private final DataSource reads;
  private final @Nullable AutoCloseable meters;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable PrintWriter logWriter;

  private RoutingDataSource(Router router, @Nullable Object meterRegistry) {
    this.router = router;
    HikariDataSource primaryPool = router.hosts().get(0).hikari();
    this.defaultAutoCommit = primaryPool == null || primaryPool.isAutoCommit();
    this.reads = new ReadsDataSource(this, this::readOnlyConnection);
    AutoCloseable m = null;
    if (meterRegistry != null) {
      m = MeterSupport.bind(meterRegistry, router);
    }
    this.meters = m;
  }

  /**
   * {@return a router configured by {@code ballast.jdbc.*} properties (see the module's
   * QUICKSTART), with one HikariCP pool per host}
   *
   * @param props the properties ({@code ballast.*} keys; others are ignored)
   * @throws ConfigException before anything starts, listing every problem as {@code <key>: <value>
   *     (expected: <what>)}, secrets masked
   */
  public static RoutingDataSource fromProperties(Properties props) {
    return create(requireNonNull(props, "props"), null);
  }

  /**
   * As {@link #fromProperties(Properties)}, with meters in {@code registry}: {@code
   * ballast.jdbc.routes}, {@code ballast.jdbc.replica.lag}, {@code ballast.jdbc.replica.eligible}
   * and HikariCP's pool meters for every pool; all removed on {@link #close()}.
   *
   * @param props the properties ({@code ballast.*} keys; others are ignored)
   * @param registry the registry that receives the meters
   * @return the started router
   */
  public static RoutingDataSource fromProperties(Properties props, MeterRegistry registry) {
    return create(requireNonNull(props, "props"), requireNonNull(registry, "registry"));
  }

  /** {@return a builder that wraps data sources the caller already has (and keeps owning)} */
  public static Builder builder() {
    return new Builder();
  }

  private static RoutingDataSource create(Properties props, @Nullable Object registry) {
    JdbcProperties.Bound bound = JdbcProperties.bind(props, System::getenv);
    JdbcProperties.applyCredentials(bound);
    if (registry != null) {
      MeterSupport.instrumentPools(registry, bound);
    }
    Dialect dialect = Dialects.forUrl(bound.hosts().get(0).url());
    Duration probeTimeout = bound.config().healthCheckTimeout();
    List<SharedHosts.Member> members = new ArrayList<>();
    for (JdbcProperties.HostSpec spec : bound.hosts()) {
      members.add(
          new SharedHosts.Member(
              spec.name(),
              serverKey(spec.url(), dialect),
              spec.hikari().getMaximumPoolSize(),
              new DriverProbeConnector(
                  spec.url(),
                  spec.hikari().getDriverClassName(),
                  JdbcProperties.probeProperties(spec),
                  probeTimeout)));
    }
    // the budget is checked before any pool exists: a refused router leaves nothing behind
    SharedHosts.Lease lease =
        SharedHosts.process()
            .register(bound.config().name(), members, bound.maxConnectionsPerHost());
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      List<Host> hosts = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        JdbcProperties.HostSpec spec = bound.hosts().get(i);
        Host host =
            Host.ownPool(
                spec.name(),
                spec.primary(),
                spec.zone(),
                spec.hikari(),
                Urls.mask(spec.url()),
                requireNonNull(lease.hosts().get(spec.name()), "shared host").connector());
        pools.add(requireNonNull(host.hikari(), "own pool"));
        hosts.add(host);
      }
      log.info("Ballast JDBC router starting with:\n{}", bound.effective());
      return start(bound.config(), dialect, hosts, Ticker.system(), registry, lease);
    } catch (RuntimeException | Error e) {
      lease.close();
      for (HikariDataSource p : pools) {
        p.close();
      }
      throw e;
    }
  }

  /**
   * The server a URL points at, {@code host:port} (the engine's default port when the URL names
   * none); the whole URL when it names no host (an embedded database is its own server).
   */
  private static String serverKey(String url, Dialect dialect) {
    String host = Urls.host(url, "");
    if (host.isEmpty()) {
      return url;
    }
    int port = Urls.port(url, dialect.lsnPositions() ? 5432 : 3306);
    return host + ":" + port;
  }

  private static RoutingDataSource start(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      @Nullable Object registry) {
    return start(config, dialect, hosts, ticker, registry, null);
  }

  private static RoutingDataSource start(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      @Nullable Object registry,
      SharedHosts.@Nullable Lease lease) {
    Router router = Router.start(config, dialect, hosts, ticker, lease);
    try {
      RoutingDataSource ds = new RoutingDataSource(router, registry);
      log.info(
          "Ballast JDBC router '{}' started ({}): {}",
          config.name(),
          config,
          router.monitor().snapshot());
      return ds;
    } catch (RuntimeException | Error e) {
      router.close();
      throw e;
    }
  }

  /**
   * A lazy logical connection: read-write (to the primary) unless {@code setReadOnly(true)} is
   * called before its first statement. Never null.
   *
   * @throws SQLException if this data source is closed
   */
  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return new LogicalConnection(router, false, defaultAutoCommit);
  }

  /**
   * Not supported: credentials are the pools'.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "per-call credentials are not supported: set ballast.jdbc.username and password");
  }

  private Connection readOnlyConnection() throws SQLException {
    checkOpen();
    return new LogicalConnection(router, true, defaultAutoCommit);
  }

  /**
   * {@return a view whose connections are read-only for good ({@code setReadOnly(false)} is
   * ignored) and go to replicas, subject to fallback and read-your-writes} Same instance on every
   * call.
   */
  public DataSource forReads() {
    return reads;
  }

  /** {@return the router's name ({@code ballast.jdbc.name})} */
  public String name() {
    return router.config().name();
  }

  /** {@return the host names, the configured primary first ({@code primary}, {@code r1}, …)} */
  public List<String> hostNames() {
    List<String> names = new ArrayList<>();
    for (Host h : router.hosts()) {
      names.add(h.name());
    }
    return names;
  }

  /**
   * {@return the pool of one host (a {@link HikariDataSource} when built from properties), for
   * metrics and administration; take connections from this router instead}
   *
   * <p>A pool built from properties has a {@code connectionTimeout} of 250 ms: the router gives up
   * on a host whose pool cannot open a connection that soon, and the configured {@code
   * connectionTimeout} bounds the router's whole wait for a connection.
   *
   * @param hostName the name the host was given when the router was built
   * @throws IllegalArgumentException for an unknown host name
   */
  public DataSource dataSource(String hostName) {
    requireNonNull(hostName, "hostName");
    Host h = router.host(hostName);
    if (h == null) {
      throw new IllegalArgumentException(
          "hostName: " + hostName + " (expected: one of " + hostNames() + ")");
    }
    return h.dataSource();
  }

  /**
   * {@return the current primary's host name; empty while no host is a reachable primary ({@code
   * topology=auto})}
   */
  public Optional<String> primaryHost() {
    Host p = router.monitor().snapshot().primary();
    return p == null ? Optional.empty() : Optional.of(p.name());
  }

  /**
   * {@return the replicas eligible for reads as of the monitor's last probe round (reachable,
   * replicating, within {@code max-replica-lag}), by host name in configuration order} For health
   * endpoints.
   */
  public List<String> eligibleReplicas() {
    List<String> names = new ArrayList<>();
    for (HostState st : router.monitor().snapshot().readCandidates()) {
      if (st.eligible()) {
        names.add(st.host().name());
      }
    }
    return names;
  }

  /**
   * {@return the largest replay lag among the reachable replicas as of the last probe round; zero
   * when none is reachable or all are caught up} For health endpoints.
   */
  public Duration worstReplicaLag() {
    double worst = 0;
    for (HostState st : router.monitor().snapshot().readCandidates()) {
      if (st.reachable()) {
        worst = Math.max(worst, st.lagSeconds());
      }
    }
    return Duration.ofNanos((long) (worst * 1e9));
  }

  /**
   * {@return every host's last known state, one line each: role, reachability, lag, and why it is
   * not eligible for reads} For logs and health endpoints; passwords are masked.
   */
  public String describe() {
    TopologySnapshot s = router.monitor().snapshot();
    StringBuilder sb = new StringBuilder("RoutingDataSource '").append(name()).append("' (");
    sb.append(router.config()).append(")");
    s.states().forEach(st -> sb.append("\n  ").append(st.describe()));
    return sb.toString();
  }

  // ---- read-your-writes context ----------------------------------------------------------------

  /**
   * {@return the calling thread's read-your-writes token: the position of its last committed write
   * through this router ({@code read-your-writes=lsn}), or one given by {@link #withToken}} Empty
   * when there is none (and always in the other modes). Outside a scope, a write's token lasts only
   * until the logical connection that wrote is closed: capture it inside a scope to pass it to
   * another thread.
   */
  public Optional<ConsistencyToken> currentToken() {
    Dialect dialect = router.dialect();
    if (dialect.lsnPositions()) {
      // auto-commit writes of connections already closed: their position is read now (one query)
      router.settleOwed();
      long lsn = router.context().tokenLsn();
      return lsn < 0 ? Optional.empty() : Optional.of(ConsistencyToken.ofLsn(lsn));
    }
    Position position = router.context().tokenPosition();
    return position == null
        ? Optional.empty()
        : Optional.of(ConsistencyToken.of(dialect.name(), position));
  }

  /**
   * Opens a read-your-writes scope with no position yet, as a request of server code starts: the
   * thread's writes inside it advance the scope's token, its reads on any connection see them, and
   * closing the scope restores the thread's context from before, so the next task on a pooled
   * thread starts clean. Equivalent to {@code withToken(ConsistencyToken.parse("lsn:0/0"))} on
   * every engine.
   *
   * @return the scope; close it (try-with-resources) to end it
   */
  public ConsistencyScope newScope() {
    return withToken(ConsistencyToken.ofLsn(0));
  }

  /**
   * Opens a scope on the calling thread in which reads see at least {@code token}'s writes (with
   * {@code read-your-writes=lsn}; other modes ignore tokens). The thread's own later writes advance
   * the scope's token; closing the scope restores the thread's context from before.
   *
   * @param token the position that reads must have caught up with
   * @return the scope; close it (try-with-resources) to end it
   * @throws IllegalArgumentException if {@code token} is another engine's ({@link
   *     ConsistencyToken#database()}) than this router's, except {@code lsn:0/0}, which every
   *     router takes as "no position yet"
   */
  public ConsistencyScope withToken(ConsistencyToken token) {
    requireNonNull(token, "token");
    Dialect dialect = router.dialect();
    if (dialect.lsnPositions() && token.isLsn()) {
      return new ConsistencyScope(router.enterScope(token.lsn()));
    }
    if (token.isOrigin()) {
      return new ConsistencyScope(router.enterScope((Position) null));
    }
    Position position = token.gtidPosition();
    if (position == null || !token.database().equals(dialect.name())) {
      throw new IllegalArgumentException(
          "token: "
              + token.serialize()
              + " (expected: a "
              + dialect.name()
              + " token: router '"
              + name()
              + "' runs on "
              + dialect.name()
              + ")");
    }
    return new ConsistencyScope(router.enterScope(position));
  }

  /**
   * Runs {@code work} inside {@link #withToken(ConsistencyToken) withToken(token)}.
   *
   * @param <T> the type of the result
   * @param token the position that reads must have caught up with
   * @param work the work to run
   * @return {@code work}'s result
   * @throws Exception whatever {@code work} throws
   */
  public <T> T runWith(ConsistencyToken token, Callable<T> work) throws Exception {
    requireNonNull(work, "work");
    try (ConsistencyScope scope = withToken(token)) {
      return work.call();
    }
  }

  /**
   * Runs {@code work} inside {@link #withToken(ConsistencyToken) withToken(token)}.
   *
   * @param token the position that reads must have caught up with
   * @param work the work to run
   */
  public void runWith(ConsistencyToken token, Runnable work) {
    requireNonNull(work, "work");
    try (ConsistencyScope scope = withToken(token)) {
      work.run();
    }
  }

  // ---- DataSource boilerplate ------------------------------------------------------------------

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {
    logWriter = out;
  }

  /**
   * Not supported: set the pools' {@code connectionTimeout}.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException("set ballast.jdbc.hikari.connectionTimeout instead");
  }

  /** Always 0: the pools' own timeouts apply. */
  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Ballast logs through SLF4J");
  }

  /**
   * This object, or the current primary's pool (e.g. {@code unwrap(HikariDataSource.class)}), or
   * what that pool unwraps to. Use {@link #dataSource(String)} for other hosts' pools.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    DataSource primary = primaryPool();
    if (iface.isInstance(primary)) {
      return iface.cast(primary);
    }
    return primary.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    DataSource primary = primaryPool();
    return iface.isInstance(primary) || primary.isWrapperFor(iface);
  }

  private DataSource primaryPool() {
    Host p = router.monitor().snapshot().primary();
    return p != null ? p.dataSource() : router.hosts().get(0).dataSource();
  }

  private void checkOpen() throws SQLException {
    if (closed.get()) {
      throw new SQLException("RoutingDataSource '" + name() + "' is closed", "08003");
    }
  }

  /** Package access for tests: the machinery. */
  Router router() {
    return router;
  }

  /**
   * Stops the monitor, removes the meters, and closes the pools this data source created. Data
   * sources given to the {@link Builder} stay open. Idempotent.
   */
  @Override
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
    log.info("Ballast JDBC router '{}' closed", name());
  }

  @Override
  public String toString() {
    return "RoutingDataSource[" + name() + ", hosts=" + hostNames() + "]";
  }

  /**
   * Builds a {@link RoutingDataSource} over data sources the caller owns (typically connection
   * pools, one per host). Not thread-safe. Defaults are those of the properties.
   */
  public static final class Builder {
    private String name = RouterConfig.DEFAULT_NAME;
    private @Nullable DataSource primary;
    private String primaryName = "primary";
    private String primaryZone = "";
    private final List<ReplicaSpec> replicas = new ArrayList<>();
    private String zone = "";
    private Strategy strategy = Strategy.LEAST_REQUEST;
    private Duration maxReplicaLag = RouterConfig.DEFAULT_MAX_REPLICA_LAG;
    private Fallback fallback = Fallback.PRIMARY;
    private ReadYourWrites readYourWrites = ReadYourWrites.OFF;
    private Duration readYourWritesWindow = RouterConfig.DEFAULT_RYW_WINDOW;
    private Duration readYourWritesMaxWait = RouterConfig.DEFAULT_RYW_MAX_WAIT;
    private Topology topology = Topology.STATIC;
    private Duration healthCheckInterval = RouterConfig.DEFAULT_HEALTH_CHECK_INTERVAL;
    private @Nullable Duration healthCheckTimeout;
    private Ticker ticker = Ticker.system();
    private @Nullable Object meterRegistry;

    private Builder() {}

    /**
     * The router's name, in messages and meter tags (default {@code db}).
     *
     * @param value the router's name, in messages and meter tags (default {@code db})
     * @return this builder
     */
    public Builder name(String value) {
      name = requireNonNull(value, "name");
      return this;
    }

    /**
     * The primary (required), named {@code primary}.
     *
     * @param value the primary (required), named {@code primary}
     * @return this builder
     */
    public Builder primary(DataSource value) {
      primary = requireNonNull(value, "primary");
      return this;
    }

    /**
     * The primary (required) with a host name and zone (the zone matters after a demotion).
     *
     * @param hostName the host's name, as used in logs and metrics
     * @param value the value
     * @param hostZone the host's zone; empty = unknown
     * @return this builder
     */
    public Builder primary(String hostName, DataSource value, String hostZone) {
      primaryName = requireNonNull(hostName, "hostName");
      primary = requireNonNull(value, "primary");
      primaryZone = requireNonNull(hostZone, "hostZone");
      return this;
    }

    /**
     * Adds a replica in zone {@code hostZone} (empty when unknown). Names must be unique.
     *
     * @param hostName the host's name, as used in logs and metrics
     * @param dataSource the pool (or data source) of connections to that host
     * @param hostZone the host's zone; empty = unknown
     * @return this builder
     */
    public Builder replica(String hostName, DataSource dataSource, String hostZone) {
      replicas.add(
          new ReplicaSpec(
              requireNonNull(hostName, "hostName"),
              requireNonNull(dataSource, "dataSource"),
              requireNonNull(hostZone, "hostZone")));
      return this;
    }

    /**
     * Adds a replica with no zone.
     *
     * @param hostName the host's name, as used in logs and metrics
     * @param dataSource the pool (or data source) of connections to that host
     * @return this builder
     */
    public Builder replica(String hostName, DataSource dataSource) {
      return replica(hostName, dataSource, "");
    }

    /**
     * This process's zone ({@code ballast.zone}); empty (the default) means unknown.
     *
     * @param value this process's zone ({@code ballast.zone}); empty (the default) means unknown
     * @return this builder
     */
    public Builder zone(String value) {
      zone = requireNonNull(value, "zone").trim();
      return this;
    }

    /**
     * How replicas are balanced (default {@code least-request}).
     *
     * @param value how replicas are balanced (default {@code least-request})
     * @return this builder
     */
    public Builder strategy(Strategy value) {
      strategy = requireNonNull(value, "strategy");
      return this;
    }

    /**
     * Replicas further behind get no reads (default 5 s; zero = no limit).
     *
     * @param value the replicas further behind get no reads (default 5 s; zero = no limit)
     * @return this builder
     */
    public Builder maxReplicaLag(Duration value) {
      maxReplicaLag = requireNonNull(value, "maxReplicaLag");
      return this;
    }

    /**
     * What reads do when no replica is eligible (default {@link Fallback#PRIMARY}).
     *
     * @param value what reads do when no replica is eligible (default {@link Fallback#PRIMARY})
     * @return this builder
     */
    public Builder fallback(Fallback value) {
      fallback = requireNonNull(value, "fallback");
      return this;
    }

    /**
     * The read-your-writes mode (default {@link ReadYourWrites#OFF}).
     *
     * @param value the read-your-writes mode (default {@link ReadYourWrites#OFF})
     * @return this builder
     */
    public Builder readYourWrites(ReadYourWrites value) {
      readYourWrites = requireNonNull(value, "readYourWrites");
      return this;
    }

    /**
     * How long reads stay on the primary after a write in {@code window} mode (default 2 s).
     *
     * @param value how long reads stay on the primary after a write in {@code window} mode (default
     *     2 s)
     * @return this builder
     */
    public Builder readYourWritesWindow(Duration value) {
      readYourWritesWindow = requireNonNull(value, "readYourWritesWindow");
      return this;
    }

    /**
     * How long a read may wait for a replica to replay its read-your-writes token ({@code lsn} and
     * {@code gtid} modes) before it reads on the primary. The default, zero, never waits: a read
     * goes to a replica known to have replayed the token, or asks one replica once (not for a token
     * of its own commit of the last moments, which no replica has replayed yet), else reads on the
     * primary at once, so it is never slower than a read on the primary, and the primary serves
     * those reads. A positive value trades read latency for load on the primary: the read waits for
     * a replica's replay up to that long.
     *
     * @param value the longest wait for a replica's replay, zero or more (default zero: no wait)
     * @return this builder
     */
    public Builder readYourWritesMaxWait(Duration value) {
      readYourWritesMaxWait = requireNonNull(value, "readYourWritesMaxWait");
      return this;
    }

    /**
     * Whether roles are configured or detected (default {@link Topology#STATIC}).
     *
     * @param value whether roles are configured or detected (default {@link Topology#STATIC})
     * @return this builder
     */
    public Builder topology(Topology value) {
      topology = requireNonNull(value, "topology");
      return this;
    }

    /**
     * How often the monitor probes every host (default 1 s).
     *
     * @param value how often the monitor probes every host (default 1 s)
     * @return this builder
     */
    public Builder healthCheckInterval(Duration value) {
      healthCheckInterval = requireNonNull(value, "healthCheckInterval");
      return this;
    }

    /**
     * How long one probe may take before its host counts as not answering (default: the health
     * interval, kept within 1 s..5 s).
     *
     * @param value how long one probe may take before its host counts as not answering (default:
     *     the health interval, kept within 1 s..5 s)
     * @return this builder
     */
    public Builder healthCheckTimeout(Duration value) {
      healthCheckTimeout = requireNonNull(value, "healthCheckTimeout");
      return this;
    }

    /**
     * The clock for read-your-writes windows, lag and latency (default: the system's).
     *
     * @param value the clock for read-your-writes windows, lag and latency (default: the system's)
     * @return this builder
     */
    public Builder ticker(Ticker value) {
      ticker = requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Registers the router's meters (not the pools': they are the caller's) in {@code value}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      meterRegistry = requireNonNull(value, "meterRegistry");
      return this;
    }

    /**
     * Validates, probes every host once, and starts the monitor.
     *
     * @return the started router; close it to stop the monitor and the pools it owns
     * @throws ConfigException listing every problem as {@code <argument>: <value> (expected: …)}
     */
    public RoutingDataSource build() {
      List<String> problems = new ArrayList<>();
      if (primary == null) {
        problems.add("primary: (missing) (expected: the primary's DataSource)");
      }
      List<String> names = new ArrayList<>();
      names.add(primaryName);
      for (ReplicaSpec r : replicas) {
        String n = r.name();
        if (n.isBlank() || names.contains(n)) {
          problems.add("replica: '" + n + "' (expected: a unique, non-blank host name)");
        }
        names.add(n);
      }
      if (name.isBlank()) {
        problems.add("name: '' (expected: a non-blank name)");
      }
      positive(problems, "healthCheckInterval", healthCheckInterval);
      Duration probeTimeout =
          healthCheckTimeout != null
              ? healthCheckTimeout
              : RouterConfig.defaultHealthCheckTimeout(healthCheckInterval);
      positive(problems, "healthCheckTimeout", probeTimeout);
      positive(problems, "readYourWritesWindow", readYourWritesWindow);
      nonNegative(problems, "maxReplicaLag", maxReplicaLag);
      nonNegative(problems, "readYourWritesMaxWait", readYourWritesMaxWait);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      DataSource p = requireNonNull(primary, "primary");
      List<Host> hosts = new ArrayList<>();
      hosts.add(host(primaryName, true, primaryZone, p));
      for (ReplicaSpec r : replicas) {
        hosts.add(host(r.name(), false, r.zone(), r.dataSource()));
      }
      RouterConfig config =
          new RouterConfig(
              name,
              zone,
              strategy,
              maxReplicaLag,
              fallback,
              readYourWrites,
              readYourWritesWindow,
              readYourWritesMaxWait,
              topology,
              healthCheckInterval,
              probeTimeout);
      Dialect dialect = dialect(p);
      if (readYourWrites == ReadYourWrites.GTID && dialect.lsnPositions()) {
        throw new ConfigException(
            List.of(
                "readYourWrites: gtid (expected: off|window|lsn with a "
                    + dialect.name()
                    + " primary: GTIDs are MariaDB's and MySQL's)"));
      }
      return start(config, dialect, hosts, ticker, meterRegistry);
    }

    /**
     * The engine of a HikariCP primary, from its JDBC URL; PostgreSQL for any other data source
     * (whose URL the router cannot know without taking a connection).
     */
    private static Dialect dialect(DataSource primary) {
      if (primary instanceof HikariDataSource h && h.getJdbcUrl() != null) {
        return Dialects.forUrl(h.getJdbcUrl());
      }
      return Dialects.postgresql();
    }

    private record ReplicaSpec(String name, DataSource dataSource, String zone) {}

    private static Host host(String name, boolean primary, String zone, DataSource ds) {
      return new Host(
          name,
          primary,
          zone,
          ds,
          false,
          ds.getClass().getSimpleName(),
          new PooledProbeConnector(ds));
    }

    private static void positive(List<String> problems, String argument, Duration d) {
      if (d.isNegative() || d.isZero()) {
        problems.add(argument + ": " + Durations.format(d) + " (expected: a positive duration)");
      }
    }

    private static void nonNegative(List<String> problems, String argument, Duration d) {
      if (d.isNegative()) {
        problems.add(argument + ": " + Durations.format(d) + " (expected: a duration >= 0)");
      }
    }
  }
}
