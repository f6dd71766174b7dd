package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.internal.RouterConfig;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The values of a {@link RoutingDataSource} being built, starting at the documented defaults (those
 * of the properties), and the setters of {@link RoutingDataSource.Builder}, which inherits them.
 * Not API: the setters are documented as members of {@code RoutingDataSource.Builder}. Setters only
 * store (rejecting nulls); values are checked all at once when the builder builds ({@link
 * BuilderAssembly}). Not thread-safe.
 */
abstract class RoutingDataSourceDraft {
  String name = RouterConfig.DEFAULT_NAME;
  @Nullable DataSource primary;
  String primaryName = "primary";
  String primaryZone = "";
  final List<ReplicaSpec> replicas = new ArrayList<>();
  String zone = "";
  Strategy strategy = Strategy.LEAST_REQUEST;
  Duration maxReplicaLag = RouterConfig.DEFAULT_MAX_REPLICA_LAG;
  Fallback fallback = Fallback.PRIMARY;
  ReadYourWrites readYourWrites = ReadYourWrites.OFF;
  Duration readYourWritesWindow = RouterConfig.DEFAULT_RYW_WINDOW;
  Duration readYourWritesMaxWait = RouterConfig.DEFAULT_RYW_MAX_WAIT;
  Topology topology = Topology.STATIC;
  Duration healthCheckInterval = RouterConfig.DEFAULT_HEALTH_CHECK_INTERVAL;
  @Nullable Duration healthCheckTimeout;
  Ticker ticker = Ticker.system();
  // A MeterRegistry, typed Object so that this class loads without Micrometer on the class path.
  @Nullable Object meterRegistry;

  RoutingDataSourceDraft() {}

  /** A replica as added: its host name, its data source and its zone. */
  record ReplicaSpec(String name, DataSource dataSource, String zone) {}

  /** The builder that the setters return. */
  abstract RoutingDataSource.Builder self();

  /**
   * The router's name, in messages and meter tags (default {@code db}).
   *
   * @param value the router's name, in messages and meter tags (default {@code db})
   * @return this builder
   */
  public RoutingDataSource.Builder name(String value) {
    name = requireNonNull(value, "name");
    return self();
  }

  /**
   * The primary (required), named {@code primary}.
   *
   * @param value the primary (required), named {@code primary}
   * @return this builder
   */
  public RoutingDataSource.Builder primary(DataSource value) {
    primary = requireNonNull(value, "primary");
    return self();
  }

  /**
   * The primary (required) with a host name and zone (the zone matters after a demotion).
   *
   * @param hostName the host's name, as used in logs and metrics
   * @param value the value
   * @param hostZone the host's zone; empty = unknown
   * @return this builder
   */
  public RoutingDataSource.Builder primary(String hostName, DataSource value, String hostZone) {
    primaryName = requireNonNull(hostName, "hostName");
    primary = requireNonNull(value, "primary");
    primaryZone = requireNonNull(hostZone, "hostZone");
    return self();
  }

  /**
   * Adds a replica in zone {@code hostZone} (empty when unknown). Names must be unique.
   *
   * @param hostName the host's name, as used in logs and metrics
   * @param dataSource the pool (or data source) of connections to that host
   * @param hostZone the host's zone; empty = unknown
   * @return this builder
   */
  public RoutingDataSource.Builder replica(
      String hostName, DataSource dataSource, String hostZone) {
    replicas.add(
        new ReplicaSpec(
            requireNonNull(hostName, "hostName"),
            requireNonNull(dataSource, "dataSource"),
            requireNonNull(hostZone, "hostZone")));
    return self();
  }

  /**
   * Adds a replica with no zone.
   *
   * @param hostName the host's name, as used in logs and metrics
   * @param dataSource the pool (or data source) of connections to that host
   * @return this builder
   */
  public RoutingDataSource.Builder replica(String hostName, DataSource dataSource) {
    return replica(hostName, dataSource, "");
  }

  /**
   * This process's zone ({@code ballast.zone}); empty (the default) means unknown.
   *
   * @param value this process's zone ({@code ballast.zone}); empty (the default) means unknown
   * @return this builder
   */
  public RoutingDataSource.Builder zone(String value) {
    zone = requireNonNull(value, "zone").trim();
    return self();
  }

  /**
   * How replicas are balanced (default {@code least-request}).
   *
   * @param value how replicas are balanced (default {@code least-request})
   * @return this builder
   */
  public RoutingDataSource.Builder strategy(Strategy value) {
    strategy = requireNonNull(value, "strategy");
    return self();
  }

  /**
   * Replicas further behind get no reads (default 5 s; zero = no limit).
   *
   * @param value the replicas further behind get no reads (default 5 s; zero = no limit)
   * @return this builder
   */
  public RoutingDataSource.Builder maxReplicaLag(Duration value) {
    maxReplicaLag = requireNonNull(value, "maxReplicaLag");
    return self();
  }

  /**
   * What reads do when no replica is eligible (default {@link Fallback#PRIMARY}).
   *
   * @param value what reads do when no replica is eligible (default {@link Fallback#PRIMARY})
   * @return this builder
   */
  public RoutingDataSource.Builder fallback(Fallback value) {
    fallback = requireNonNull(value, "fallback");
    return self();
  }

  /**
   * The read-your-writes mode (default {@link ReadYourWrites#OFF}).
   *
   * @param value the read-your-writes mode (default {@link ReadYourWrites#OFF})
   * @return this builder
   */
  public RoutingDataSource.Builder readYourWrites(ReadYourWrites value) {
    readYourWrites = requireNonNull(value, "readYourWrites");
    return self();
  }

  /**
   * How long reads stay on the primary after a write in {@code window} mode (default 2 s).
   *
   * @param value how long reads stay on the primary after a write in {@code window} mode (default 2
   *     s)
   * @return this builder
   */
  public RoutingDataSource.Builder readYourWritesWindow(Duration value) {
    readYourWritesWindow = requireNonNull(value, "readYourWritesWindow");
    return self();
  }

  /**
   * How long a read may wait for a replica to replay its read-your-writes token ({@code lsn} and
   * {@code gtid} modes) before it reads on the primary. The default, zero, never waits: a read goes
   * to a replica known to have replayed the token, or asks one replica once (not for a token of its
   * own commit of the last moments, which no replica has replayed yet), else reads on the primary
   * at once, so it is never slower than a read on the primary, and the primary serves those reads.
   * A positive value trades read latency for load on the primary: the read waits for a replica's
   * replay up to that long.
   *
   * @param value the longest wait for a replica's replay, zero or more (default zero: no wait)
   * @return this builder
   */
  public RoutingDataSource.Builder readYourWritesMaxWait(Duration value) {
    readYourWritesMaxWait = requireNonNull(value, "readYourWritesMaxWait");
    return self();
  }

  /**
   * Whether roles are configured or detected (default {@link Topology#STATIC}).
   *
   * @param value whether roles are configured or detected (default {@link Topology#STATIC})
   * @return this builder
   */
  public RoutingDataSource.Builder topology(Topology value) {
    topology = requireNonNull(value, "topology");
    return self();
  }

  /**
   * How often the monitor probes every host (default 1 s).
   *
   * @param value how often the monitor probes every host (default 1 s)
   * @return this builder
   */
  public RoutingDataSource.Builder healthCheckInterval(Duration value) {
    healthCheckInterval = requireNonNull(value, "healthCheckInterval");
    return self();
  }

  /**
   * How long one probe may take before its host counts as not answering (default: the health
   * interval, kept within 1 s..5 s).
   *
   * @param value how long one probe may take before its host counts as not answering (default: the
   *     health interval, kept within 1 s..5 s)
   * @return this builder
   */
  public RoutingDataSource.Builder healthCheckTimeout(Duration value) {
    healthCheckTimeout = requireNonNull(value, "healthCheckTimeout");
    return self();
  }

  /**
   * The clock for read-your-writes windows, lag and latency (default: the system's).
   *
   * @param value the clock for read-your-writes windows, lag and latency (default: the system's)
   * @return this builder
   */
  public RoutingDataSource.Builder ticker(Ticker value) {
    ticker = requireNonNull(value, "ticker");
    return self();
  }
}
