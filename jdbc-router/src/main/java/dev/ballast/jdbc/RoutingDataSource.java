package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.internal.PropertiesAssembly;
import dev.ballast.jdbc.internal.ReadsDataSource;
import dev.ballast.jdbc.internal.Router;
import dev.ballast.jdbc.internal.RouterLifecycle;
import dev.ballast.jdbc.internal.RouterStatus;
import dev.ballast.lb.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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
public final class RoutingDataSource extends ConsistencyContext
    implements DataSource, AutoCloseable {
  private final RouterLifecycle lifecycle;
  private final DataSource reads;
  private volatile @Nullable PrintWriter logWriter;

  private RoutingDataSource(RouterLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.reads = new ReadsDataSource(this, () -> lifecycle.connection(true));
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
    return new RoutingDataSource(PropertiesAssembly.start(requireNonNull(props, "props"), null));
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
    return new RoutingDataSource(
        PropertiesAssembly.start(
            requireNonNull(props, "props"), requireNonNull(registry, "registry")));
  }

  /** {@return a builder that wraps data sources the caller already has (and keeps owning)} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A lazy logical connection: read-write (to the primary) unless {@code setReadOnly(true)} is
   * called before its first statement. Never null.
   *
   * @throws SQLException if this data source is closed
   */
  @Override
  public Connection getConnection() throws SQLException {
    return lifecycle.connection(false);
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
    return router().config().name();
  }

  /** {@return the host names, the configured primary first ({@code primary}, {@code r1}, …)} */
  public List<String> hostNames() {
    return RouterStatus.hostNames(router());
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
    return RouterStatus.dataSource(router(), requireNonNull(hostName, "hostName"));
  }

  /**
   * {@return the current primary's host name; empty while no host is a reachable primary ({@code
   * topology=auto})}
   */
  public Optional<String> primaryHost() {
    return RouterStatus.primaryHost(router());
  }

  /**
   * {@return the replicas eligible for reads as of the monitor's last probe round (reachable,
   * replicating, within {@code max-replica-lag}), by host name in configuration order} For health
   * endpoints.
   */
  public List<String> eligibleReplicas() {
    return RouterStatus.eligibleReplicas(router());
  }

  /**
   * {@return the largest replay lag among the reachable replicas as of the last probe round; zero
   * when none is reachable or all are caught up} For health endpoints.
   */
  public Duration worstReplicaLag() {
    return RouterStatus.worstReplicaLag(router());
  }

  /**
   * {@return every host's last known state, one line each: role, reachability, lag, and why it is
   * not eligible for reads} For logs and health endpoints; passwords are masked.
   */
  public String describe() {
    return RouterStatus.describe(router());
  }

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
    DataSource primary = RouterStatus.primaryDataSource(router());
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
    DataSource primary = RouterStatus.primaryDataSource(router());
    return iface.isInstance(primary) || primary.isWrapperFor(iface);
  }

  /** Package access for tests: the machinery. */
  @Override
  Router router() {
    return lifecycle.router();
  }

  /**
   * Stops the monitor, removes the meters, and closes the pools this data source created. Data
   * sources given to the {@link Builder} stay open. Idempotent.
   */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "RoutingDataSource[" + name() + ", hosts=" + hostNames() + "]";
  }

  /**
   * Builds a {@link RoutingDataSource} over data sources the caller owns (typically connection
   * pools, one per host). Not thread-safe. Defaults are those of the properties.
   */
  public static final class Builder extends RoutingDataSourceDraft {
    private Builder() {}

    @Override
    Builder self() {
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
      return new RoutingDataSource(BuilderAssembly.start(this));
    }
  }
}
