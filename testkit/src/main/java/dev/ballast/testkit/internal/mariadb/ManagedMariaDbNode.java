package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import dev.ballast.testkit.MariaDbNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * {@link MariaDbNode} over a {@link MariaDbServer}: the lifecycle is the server's, every control is
 * an SQL statement on a fresh {@code root} connection. The node remembers which port it replicates
 * from ({@code 0} for a primary), so that a restart keeps its role and a node that was stopped
 * during a promotion follows the new primary once started.
 */
public final class ManagedMariaDbNode implements MariaDbNode {

  /** The application user created on the primary; see {@link MariaDbNode#user()}. */
  public static final String APP_USER = "app";

  private final MariaDbServer server;
  private final RootStatements root;
  private final String zone;
  private final String databaseName;
  private final Map<String, MariaDbDataSource> dataSources = new LinkedHashMap<>();
  private int sourcePort;
  private boolean repointOnStart;
  private boolean useCurrentPos;

  /**
   * A node of a cluster holding {@code databases} (the main one first), replicating from {@code
   * sourcePort}, or a primary when it is {@code 0}.
   */
  public ManagedMariaDbNode(
      MariaDbServer server, String zone, List<String> databases, int sourcePort) {
    this.server = server;
    this.root = new RootStatements(server);
    this.zone = zone;
    this.databaseName = databases.get(0);
    this.sourcePort = sourcePort;
    for (String database : databases) {
      dataSources.put(database, dataSource(server.port(), database));
    }
  }

  private static MariaDbDataSource dataSource(int port, String database) {
    try {
      MariaDbDataSource ds =
          new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + port + "/" + database);
      ds.setUser(APP_USER);
      return ds;
    } catch (SQLException e) {
      throw new MariaDbClusterException("invalid data source for port " + port + ": " + e, e);
    }
  }

  @Override
  public String name() {
    return server.name();
  }

  @Override
  public String zone() {
    return zone;
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String databaseName() {
    return databaseName;
  }

  @Override
  public String user() {
    return APP_USER;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl(databaseName);
  }

  @Override
  public String jdbcUrl(String database) {
    requireDatabase(database);
    return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public DataSource dataSource() {
    return dataSource(databaseName);
  }

  @Override
  public DataSource dataSource(String database) {
    return requireDatabase(database);
  }

  private MariaDbDataSource requireDatabase(String database) {
    Objects.requireNonNull(database, "database");
    MariaDbDataSource ds = dataSources.get(database);
    if (ds == null) {
      throw new IllegalArgumentException(
          "database: " + database + " (expected: one of " + dataSources.keySet() + ")");
    }
    return ds;
  }

  @Override
  public Path dataDirectory() {
    return server.dataDirectory();
  }

  @Override
  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public synchronized void stop() {
    server.stop();
  }

  @Override
  public synchronized void start() {
    if (server.isRunning()) {
      return;
    }
    server.start(sourcePort != 0);
    if (repointOnStart) {
      replicateFrom(sourcePort, useCurrentPos);
      repointOnStart = false;
    }
  }

  @Override
  public boolean isReadOnly() {
    return root.queryString("SELECT @@read_only").equals("1");
  }

  @Override
  public boolean isReplica() {
    return root.replicaStatus("Slave_IO_State") != null;
  }

  @Override
  public String gtidPosition() {
    return root.queryString("SELECT @@gtid_current_pos");
  }

  @Override
  public void pauseReplication() {
    requireReplica("pauseReplication");
    root.execute("STOP SLAVE SQL_THREAD");
  }

  @Override
  public void resumeReplication() {
    requireReplica("resumeReplication");
    root.execute("START SLAVE SQL_THREAD");
  }

  @Override
  public boolean isReplicationPaused() {
    String running = root.replicaStatus("Slave_SQL_Running");
    return running != null && !running.equals("Yes");
  }

  @Override
  public synchronized void applyDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.getNano() != 0) {
      throw new IllegalArgumentException(
          "delay: " + delay + " (expected: zero or a positive whole number of seconds)");
    }
    requireReplica("applyDelay");
    boolean paused = isReplicationPaused();
    // MASTER_DELAY may only change while the replica threads are stopped
    root.execute("STOP SLAVE");
    root.execute("CHANGE MASTER TO MASTER_DELAY=" + delay.getSeconds());
    root.execute(paused ? "START SLAVE IO_THREAD" : "START SLAVE");
  }

  /**
   * Points this node at the server on {@code port} and starts replicating with GTIDs from the
   * position it has applied as a replica ({@code slave_pos}), or, with {@code afterPromotion}, from
   * everything it holds ({@code current_pos}): a former primary has written its own transactions
   * but never applied any, so its {@code slave_pos} is empty and it would replay them all again.
   */
  synchronized void replicateFrom(int port, boolean afterPromotion) {
    sourcePort = port;
    useCurrentPos = afterPromotion;
    if (!server.isRunning()) {
      repointOnStart = true;
      return;
    }
    root.execute("STOP SLAVE");
    root.execute("SET GLOBAL read_only=1");
    // MASTER_SSL=0: 11.4's replica otherwise insists on TLS and rejects the self-signed
    // certificate, retrying only every 60 s; heartbeat and retry of 1 s let a replica notice a
    // restarted primary at once
    root.execute(
        "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT="
            + port
            + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID="
            + (useCurrentPos ? "current_pos" : "slave_pos")
            + ", MASTER_SSL=0, MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1");
    root.execute("START SLAVE");
  }

  /** Turns this replica into a primary: replication stopped and forgotten, writes allowed. */
  synchronized void becomePrimary() {
    root.execute("STOP SLAVE");
    root.execute("RESET SLAVE ALL");
    root.execute("SET GLOBAL read_only=0");
    sourcePort = 0;
    repointOnStart = false;
  }

  /** The port this node replicates from, {@code 0} for a primary. */
  synchronized int sourcePort() {
    return sourcePort;
  }

  /** Removes an apply delay and resumes a paused SQL thread; for a running replica. */
  void clearReplicaFaults() {
    if (!server.isRunning() || sourcePort() == 0) {
      return;
    }
    String delay = root.replicaStatus("SQL_Delay");
    if (delay != null && !delay.equals("0")) {
      applyDelay(Duration.ZERO);
    }
    root.execute("START SLAVE");
  }

  /** {@return the node's {@code root} statements, for the launcher and the replication wait} */
  RootStatements root() {
    return root;
  }

  private void requireReplica(String operation) {
    if (sourcePort() == 0) {
      throw new MariaDbClusterException(
          name() + ": " + operation + " needs a replica, but " + name() + " is a primary");
    }
  }

  @Override
  public String toString() {
    return server.toString();
  }
}
