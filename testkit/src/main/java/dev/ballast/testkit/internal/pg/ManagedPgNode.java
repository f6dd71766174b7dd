package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import dev.ballast.testkit.PgNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

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
  private final PGSimpleDataSource dataSource;
  private final Map<String, PGSimpleDataSource> extraDataSources = new LinkedHashMap<>();
  private final ControlConnection control;

  /**
   * Wraps a server that has been started at least once (its port is known), holding {@code
   * databaseName} and {@code extraDatabases}.
   */
  public ManagedPgNode(
      PgServer server, String zone, String databaseName, List<String> extraDatabases) {
    this.server = server;
    this.zone = zone;
    this.databaseName = databaseName;
    this.dataSource = dataSource(server.port(), databaseName);
    for (String extra : extraDatabases) {
      extraDataSources.put(extra, dataSource(server.port(), extra));
    }
    this.control = new ControlConnection(server, dataSource);
  }

  /** A superuser data source for any database on a loopback port. */
  public static PGSimpleDataSource dataSource(int port, String databaseName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(databaseName);
    ds.setUser(SUPERUSER);
    ds.setConnectTimeout(5);
    ds.setApplicationName("ballast-testkit");
    return ds;
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
    return dataSource;
  }

  @Override
  public String jdbcUrl(String database) {
    requireDatabase(database);
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public DataSource dataSource(String database) {
    return requireDatabase(database);
  }

  private PGSimpleDataSource requireDatabase(String database) {
    Objects.requireNonNull(database, "database");
    if (database.equals(databaseName)) {
      return dataSource;
    }
    PGSimpleDataSource extra = extraDataSources.get(database);
    if (extra == null) {
      List<String> known = new ArrayList<>();
      known.add(databaseName);
      known.addAll(extraDataSources.keySet());
      throw new IllegalArgumentException(
          "database: " + database + " (expected: one of " + known + ")");
    }
    return extra;
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
    return queryBoolean("isInRecovery", "SELECT pg_is_in_recovery()");
  }

  @Override
  public long replayLsn() {
    // CASE evaluates lazily, so pg_current_wal_lsn() is never called on a standby (it would fail)
    return queryLong(
        "replayLsn",
        "SELECT (CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_replay_lsn(), '0/0')"
            + " ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint");
  }

  @Override
  public void pauseReplay() {
    requireRecovery("pauseReplay");
    execute("pauseReplay", "SELECT pg_wal_replay_pause()");
  }

  @Override
  public void resumeReplay() {
    requireRecovery("resumeReplay");
    execute("resumeReplay", "SELECT pg_wal_replay_resume()");
  }

  @Override
  public boolean isReplayPaused() {
    return queryBoolean(
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
    execute("applyDelay", statement);
    execute("applyDelay", "SELECT pg_reload_conf()");
    awaitApplyDelay(millis, RELOAD_TIMEOUT);
  }

  /**
   * Resumes paused replay and removes an apply delay, in one round trip when there is nothing to
   * undo (the common case between tests). Does nothing on a node that is not in recovery.
   */
  public void clearReplicaFaults() {
    boolean[] recoveryAndPause = new boolean[2];
    long delayMillis;
    try {
      delayMillis =
          control.queryRow(
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
    } catch (SQLException e) {
      throw failure("clearReplicaFaults", e);
    }
    boolean inRecovery = recoveryAndPause[0];
    boolean paused = recoveryAndPause[1];
    if (inRecovery && paused) {
      execute("resumeReplay", "SELECT pg_wal_replay_resume()");
    }
    if (inRecovery && delayMillis != 0) {
      applyDelay(Duration.ZERO);
    }
  }

  /** Current {@code recovery_min_apply_delay} in milliseconds. */
  public long applyDelayMillis() {
    return queryLong(
        "applyDelay",
        "SELECT setting::bigint FROM pg_settings WHERE name = 'recovery_min_apply_delay'");
  }

  @Override
  public synchronized void promote() {
    requireRecovery("promote");
    boolean promoted =
        queryBoolean("promote", "SELECT pg_promote(true, " + PROMOTE_TIMEOUT.toSeconds() + ")");
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

  private boolean queryBoolean(String operation, String sql) {
    try {
      return control.queryRow(sql, rs -> rs.getBoolean(1));
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private long queryLong(String operation, String sql) {
    try {
      return control.queryRow(sql, rs -> rs.getLong(1));
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private void execute(String operation, String sql) {
    try {
      control.execute(sql);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private PgClusterException failure(String operation, SQLException e) {
    String state = server.isRunning() ? "" : " (node is stopped)";
    return new PgClusterException(
        name() + ": " + operation + " failed" + state + ": " + e.getMessage(), e);
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
