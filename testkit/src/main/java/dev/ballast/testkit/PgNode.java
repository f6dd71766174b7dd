package dev.ballast.testkit;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One PostgreSQL server of a {@link PostgresCluster}: the primary or a streaming replica, a real
 * {@code postgres} process listening on {@code 127.0.0.1} only.
 *
 * <p>A node keeps its name, zone, port and data directory for its whole life: {@link #stop()}
 * followed by {@link #start()} brings the same data back on the same port, so URLs and data sources
 * handed out earlier stay valid. Connections use the superuser {@link #user()} with trust
 * authentication (no password).
 *
 * <p>Thread-safety: all methods may be called from any thread; lifecycle changes ({@code stop},
 * {@code start}, {@code promote}) on one node are serialized. Methods that talk to the server throw
 * {@link PgClusterException} when it is not running or rejects the request; none return null.
 */
public interface PgNode extends DbNode {

  /**
   * {@return the node's name: {@code "primary"} for the primary, {@code "r1"}, {@code "r2"}, … for
   * replicas}
   */
  String name();

  /** {@return the zone label given to the cluster builder; empty when none was given} */
  String zone();

  /**
   * {@return the TCP port on {@code 127.0.0.1}; fixed for the node's life, also across stop and
   * start}
   */
  int port();

  /** {@return the cluster's database name on this node (every node holds the same database)} */
  String databaseName();

  /** {@return the user to connect as: the superuser {@code postgres}, which needs no password} */
  String user();

  /**
   * {@return a JDBC URL for this node's database: {@code
   * jdbc:postgresql://127.0.0.1:<port>/<database>}} The URL carries no user; pass {@link #user()}
   * separately (pgjdbc otherwise uses the OS user).
   */
  String jdbcUrl();

  /**
   * {@return a non-pooling pgjdbc data source for this node's database, already set to {@link
   * #user()}} Each {@code getConnection()} opens a new physical connection; the same instance is
   * returned on every call and keeps working across {@link #stop()} and {@link #start()}.
   */
  DataSource dataSource();

  /**
   * As {@link #jdbcUrl()}, for another of the cluster's databases (see {@link
   * PostgresClusterBuilder#databases(String...)}).
   *
   * @param database the logical database name
   * @return the JDBC URL
   * @throws IllegalArgumentException if the cluster has no such database
   */
  String jdbcUrl(String database);

  /**
   * As {@link #dataSource()}, for another of the cluster's databases; the same instance on every
   * call.
   *
   * @param database the logical database name
   * @return the data source
   * @throws IllegalArgumentException if the cluster has no such database
   */
  DataSource dataSource(String database);

  /** {@return the node's data directory; deleted when the cluster closes} */
  Path dataDirectory();

  /** {@return whether the node's postmaster process is alive} Does not connect to the server. */
  boolean isRunning();

  /**
   * Stops the server (fast shutdown: open sessions are disconnected) and waits until its processes
   * are gone; afterwards connections to {@link #port()} are refused. Does nothing if already
   * stopped. The data directory is kept.
   */
  void stop();

  /**
   * Starts a stopped server on the same port with the same data directory and waits until it
   * accepts connections (a replica: until it has reached a consistent state). Does nothing if
   * already running. A replica restarts as a replica and resumes streaming; a paused replay does
   * not survive a restart.
   */
  void start();

  /**
   * {@return {@code pg_is_in_recovery()}: true for a replica, false for a primary or a promoted
   * replica}
   */
  boolean isInRecovery();

  /**
   * {@return the WAL position, in bytes from {@code 0/0}, up to which this node's data is visible:
   * {@code pg_last_wal_replay_lsn()} while in recovery, {@code pg_current_wal_lsn()} otherwise}
   * Positions of different nodes of one cluster are comparable as numbers.
   */
  long replayLsn();

  /**
   * Pauses WAL replay on this replica ({@code pg_wal_replay_pause()}): from the moment this method
   * returns, no later transaction becomes visible on it until {@link #resumeReplay()}. WAL keeps
   * streaming in the background.
   *
   * @throws PgClusterException if the node is not in recovery
   */
  void pauseReplay();

  /**
   * Resumes WAL replay on this replica ({@code pg_wal_replay_resume()}); harmless if not paused.
   *
   * @throws PgClusterException if the node is not in recovery
   */
  void resumeReplay();

  /**
   * {@return whether replay is paused or a pause was requested ({@code
   * pg_get_wal_replay_pause_state()})}
   */
  boolean isReplayPaused();

  /**
   * Makes this replica apply each transaction no earlier than {@code delay} after it committed on
   * the primary ({@code ALTER SYSTEM SET recovery_min_apply_delay}, then {@code pg_reload_conf()});
   * {@link Duration#ZERO} removes the delay. The setting survives a restart. Millisecond precision;
   * the method returns once the server has loaded the new value.
   *
   * @param delay the apply delay; zero turns it off
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  void applyDelay(Duration delay);

  /**
   * Promotes this replica to a primary ({@code pg_promote()}) and waits until it has left recovery
   * and accepts writes. Irreversible: a cluster cannot turn the node back into a replica. Other
   * replicas keep following the old primary.
   *
   * @throws PgClusterException if the node is not in recovery or promotion does not complete
   */
  void promote();
}
