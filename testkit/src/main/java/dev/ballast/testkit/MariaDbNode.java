package dev.ballast.testkit;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One MariaDB server of a {@link MariaDbCluster}: the primary or a GTID replica, a real {@code
 * mariadbd} process listening on {@code 127.0.0.1} only.
 *
 * <p>A node keeps its name, zone, port and data directory for its whole life: {@link #stop()}
 * followed by {@link #start()} brings the same data back on the same port, so URLs and data sources
 * handed out earlier stay valid. Applications connect as {@link #user()} (no password), a user with
 * every privilege except {@code READ ONLY ADMIN}, so {@code read_only=1} on a replica rejects its
 * writes as it would an application's in production.
 *
 * <p>Thread-safety: all methods may be called from any thread; lifecycle changes on one node are
 * serialized. Methods that talk to the server throw {@link MariaDbClusterException} when it is not
 * running or rejects the request; none return null.
 */
public interface MariaDbNode extends DbNode {

  /**
   * {@return {@code "primary"} for the node started as primary, {@code "r1"}, {@code "r2"}, … for
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

  /**
   * {@return the cluster's main database (default {@code app}); every node holds every database}
   */
  String databaseName();

  /** {@return the application user, {@code app}, which needs no password} */
  String user();

  /**
   * {@return {@code jdbc:mariadb://127.0.0.1:<port>/<database>} for the main database, without a
   * user}
   */
  String jdbcUrl();

  /**
   * As {@link #jdbcUrl()}, for another of the cluster's databases.
   *
   * @param database the logical database name
   * @return the JDBC URL
   * @throws IllegalArgumentException if the cluster has no such database
   */
  String jdbcUrl(String database);

  /**
   * {@return a non-pooling MariaDB Connector/J data source for the main database, already set to
   * {@link #user()}; the same instance on every call, valid across {@link #stop()} and {@link
   * #start()}}
   */
  DataSource dataSource();

  /**
   * As {@link #dataSource()}, for another of the cluster's databases.
   *
   * @param database the logical database name
   * @return the data source
   * @throws IllegalArgumentException if the cluster has no such database
   */
  DataSource dataSource(String database);

  /** {@return the node's data directory; deleted when the cluster closes} */
  Path dataDirectory();

  /**
   * {@return whether the node's {@code mariadbd} process is alive} Does not connect to the server.
   */
  boolean isRunning();

  /**
   * Stops the server (a clean shutdown: open sessions are disconnected) and waits until the process
   * is gone; afterwards connections to {@link #port()} are refused. Does nothing if already
   * stopped.
   */
  void stop();

  /**
   * Starts a stopped server on the same port with the same data and waits until it accepts
   * connections. Does nothing if already running. A replica restarts read-only and resumes
   * replicating from where it stopped (a paused SQL thread does not stay paused; an apply delay
   * does stay).
   */
  void start();

  /**
   * {@return {@code @@read_only}: true for a replica, false for the primary or a promoted replica}
   */
  boolean isReadOnly();

  /** {@return whether the node replicates from another (it has a replica status)} */
  boolean isReplica();

  /**
   * {@return {@code @@gtid_current_pos}: the GTIDs of every transaction this node has applied or
   * written, e.g. {@code 0-1-42}; empty on a server that has none}
   */
  String gtidPosition();

  /**
   * Stops applying replicated transactions ({@code STOP SLAVE SQL_THREAD}): from the moment this
   * method returns, no later transaction becomes visible on this replica until {@link
   * #resumeReplication()}. Events keep arriving in its relay log.
   *
   * @throws MariaDbClusterException if the node is not a replica
   */
  void pauseReplication();

  /**
   * Applies replicated transactions again ({@code START SLAVE SQL_THREAD}); harmless if running.
   *
   * @throws MariaDbClusterException if the node is not a replica
   */
  void resumeReplication();

  /**
   * {@return whether this replica's SQL thread is stopped} False for a node that is not a replica.
   */
  boolean isReplicationPaused();

  /**
   * Makes this replica apply each transaction no earlier than {@code delay} after it was written on
   * the primary ({@code CHANGE MASTER TO MASTER_DELAY}); {@link Duration#ZERO} removes the delay.
   * Survives a restart. A paused replica stays paused.
   *
   * @param delay the apply delay; zero turns it off
   * @throws IllegalArgumentException if {@code delay} is negative or not whole seconds (MariaDB's
   *     unit)
   * @throws MariaDbClusterException if the node is not a replica
   */
  void applyDelay(Duration delay);
}
