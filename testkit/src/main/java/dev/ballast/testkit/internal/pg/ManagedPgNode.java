package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import dev.ballast.testkit.PgNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link PgNode} over a {@link PgServer}: the lifecycle is the server's, every control is an SQL
 * statement on the node's {@link ControlConnection}.
 */
public final class ManagedPgNode implements PgNode {

  /** The superuser zonky's initdb creates; trust authentication on loopback. */
  public static final String SUPERUSER = "postgres";

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration PROMOTE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(5);

  private final PgServer server;
  private final String zone;
  private final String databaseName;
  private final NodeDataSources dataSources;
  private final ControlConnection control;
  private final NodeStatements sql;

  /**
   * Wraps a server that has been started at least once (its port is known), holding {@code
   * databaseName} and {@code extraDatabases}.
   */
  public ManagedPgNode(
      PgServer server, String zone, String databaseName, List<String> extraDatabases) {
    this.server = server;
    this.zone = zone;
    this.databaseName = databaseName;
    this.dataSources = new NodeDataSources(server.port(), databaseName, extraDatabases);
    this.control = new ControlConnection(server, dataSources.main());
    this.sql = new NodeStatements(server, control);
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
    return SUPERUSER;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + databaseName;
  }

  @Override
  public DataSource dataSource() {
    return dataSources.main();
  }

  @Override
  public String jdbcUrl(String database) {
    dataSources.require(database);
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public DataSource dataSource(String database) {
    return dataSources.require(database);
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
  public void stop() {
    control.close();
    server.stop(STOP_GRACE);
  }

  @Override
  public void start() {
    server.start();
  }

  /** Closes this node's control session; the server keeps running. */
  public void closeControlConnection() {
    control.close();
  }

  ControlConnection control() {
    return control;
  }

  @Override
  public boolean isInRecovery() {
    return sql.queryBoolean("isInRecovery", "SELECT pg_is_in_recovery()");
  }

  @Override
  public long replayLsn() {
    // CASE evaluates lazily, so pg_current_wal_lsn() is never called on a standby (it would fail)
    return sql.queryLong(
        "replayLsn",
        "SELECT (CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_replay_lsn(), '0/0')"
            + " ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint");
  }

  @Override
  public void pauseReplay() {
    requireRecovery("pauseReplay");
    sql.execute("pauseReplay", "SELECT pg_wal_replay_pause()");
  }

  @Override
  public void resumeReplay() {
    requireRecovery("resumeReplay");
    sql.execute("resumeReplay", "SELECT pg_wal_replay_resume()");
  }

  @Override
  public boolean isReplayPaused() {
    return sql.queryBoolean(
        "isReplayPaused",
        // CASE, not AND: the pause state function fails outside recovery and AND may evaluate it
        "SELECT CASE WHEN pg_is_in_recovery()"
            + " THEN pg_get_wal_replay_pause_state() <> 'not paused' ELSE false END");
  }

  @Override
  public void applyDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: zero or positive)");
    }
    long millis = delay.toMillis();
    // ALTER SYSTEM takes no bind parameters; the value is a formatted long, so nothing to escape
    String statement =
        millis == 0
            ? "ALTER SYSTEM RESET recovery_min_apply_delay"
            : "ALTER SYSTEM SET recovery_min_apply_delay = '" + millis + "ms'";
    sql.execute("applyDelay", statement);
    sql.execute("applyDelay", "SELECT pg_reload_conf()");
    awaitApplyDelay(millis, RELOAD_TIMEOUT);
  }

  /**
   * Resumes paused replay and removes an apply delay, in one round trip when there is nothing to
   * undo (the common case between tests). Does nothing on a node that is not in recovery.
   */
  public void clearReplicaFaults() {
    boolean[] recoveryAndPause = new boolean[2];
    long delayMillis =
        sql.queryRow(
            "clearReplicaFaults",
            "SELECT pg_is_in_recovery(),"
                + " CASE WHEN pg_is_in_recovery()"
                + " THEN pg_get_wal_replay_pause_state() <> 'not paused' ELSE false END,"
                + " (SELECT setting::bigint FROM pg_settings"
                + " WHERE name = 'recovery_min_apply_delay')",
            rs -> {
              recoveryAndPause[0] = rs.getBoolean(1);
              recoveryAndPause[1] = rs.getBoolean(2);
              return rs.getLong(3);
            });
    boolean inRecovery = recoveryAndPause[0];
    boolean paused = recoveryAndPause[1];
    if (inRecovery && paused) {
      sql.execute("resumeReplay", "SELECT pg_wal_replay_resume()");
    }
    if (inRecovery && delayMillis != 0) {
      applyDelay(Duration.ZERO);
    }
  }

  /** Current {@code recovery_min_apply_delay} in milliseconds. */
  public long applyDelayMillis() {
    return sql.queryLong(
        "applyDelay",
        "SELECT setting::bigint FROM pg_settings WHERE name = 'recovery_min_apply_delay'");
  }

  @Override
  public synchronized void promote() {
    requireRecovery("promote");
    boolean promoted =
        sql.queryBoolean("promote", "SELECT pg_promote(true, " + PROMOTE_TIMEOUT.toSeconds() + ")");
    if (!promoted || isInRecovery()) {
      throw new PgClusterException(
          name() + ": promote did not complete within " + PROMOTE_TIMEOUT.toSeconds() + "s");
    }
  }

  private void requireRecovery(String operation) {
    if (!isInRecovery()) {
      throw new PgClusterException(
          name() + ": " + operation + " needs a replica, but the node is not in recovery");
    }
  }

  /**
   * pg_reload_conf() only signals the postmaster; waiting until a new session sees the value means
   * the postmaster has re-read the file and signalled its children, the startup process included.
   */
  private void awaitApplyDelay(long expectedMillis, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long current;
    while ((current = applyDelayMillis()) != expectedMillis) {
      if (System.nanoTime() - deadline >= 0) {
        throw new PgClusterException(
            name()
                + ": recovery_min_apply_delay is "
                + current
                + "ms "
                + timeout.toMillis()
                + "ms after pg_reload_conf() (expected: "
                + expectedMillis
                + "ms)");
      }
      sleepMillis(2);
    }
  }

  static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgClusterException("interrupted while waiting", e);
    }
  }

  @Override
  public String toString() {
    return name() + "(zone=" + zone + ", 127.0.0.1:" + port() + ")";
  }
}
