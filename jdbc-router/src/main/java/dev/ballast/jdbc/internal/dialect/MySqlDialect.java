package dev.ballast.jdbc.internal.dialect;

import dev.ballast.jdbc.internal.Lsns;
import dev.ballast.jdbc.internal.ProbeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * MySQL 8.0.22+ through Connector/J ({@code jdbc:mysql:}). Same model as {@link MariaDbDialect},
 * with MySQL's names: {@code read_only}/{@code super_read_only}, {@code SHOW REPLICA STATUS}
 * ({@code Replica_SQL_Running}, {@code Seconds_Behind_Source}, {@code Retrieved_Gtid_Set}), GTID
 * sets ({@link GtidSet}) from {@code @@gtid_executed}, and {@code WAIT_FOR_EXECUTED_GTID_SET} for a
 * bounded wait. No MySQL server runs in this project's tests: the parsing and classification are
 * unit-tested, the SQL is not.
 */
final class MySqlDialect implements Dialect {

  private static final String VARIABLES =
      "SELECT @@global.read_only OR @@global.super_read_only, @@global.gtid_executed";

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      boolean readOnly;
      GtidSet executed;
      try (ResultSet rs = s.executeQuery(VARIABLES)) {
        rs.next();
        readOnly = rs.getBoolean(1);
        executed = GtidSet.parse(nullToEmpty(rs.getString(2)));
      }
      try (ResultSet rs = s.executeQuery("SHOW REPLICA STATUS")) {
        if (!rs.next()) {
          return new ProbeResult(
              readOnly, true, executed.count(), Lsns.NONE, Double.NaN, 0, executed);
        }
        long applied = executed.count();
        long received =
            executed.union(GtidSet.parse(nullToEmpty(rs.getString("Retrieved_Gtid_Set")))).count();
        if (!"yes"
            .equals(nullToEmpty(rs.getString("Replica_SQL_Running")).toLowerCase(Locale.ROOT))) {
          // a replica that does not apply is behind, as for MariaDB
          return new ProbeResult(
              true, true, applied, applied + 1, Double.POSITIVE_INFINITY, 0, executed);
        }
        long behind = rs.getLong("Seconds_Behind_Source");
        return new ProbeResult(
            true, true, applied, received, rs.wasNull() ? Double.NaN : behind, 0, executed);
      }
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }

  @Override
  public String commitPosition(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (!autoCommit) {
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@global.gtid_executed")) {
      rs.next();
      return GtidSet.parse(nullToEmpty(rs.getString(1))).toString();
    } finally {
      if (!autoCommit) {
        c.setAutoCommit(false);
      }
    }
  }

  @Override
  public boolean awaitPosition(Connection c, String position, Duration maxWait)
      throws SQLException {
    String set = GtidSet.parse(position).toString();
    // WAIT_FOR_EXECUTED_GTID_SET waits forever when given 0: an immediate answer is GTID_SUBSET's
    String sql =
        maxWait.isZero() || maxWait.isNegative()
            ? "SELECT GTID_SUBSET(?, @@global.gtid_executed) = 1"
            : "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) = 0";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, set);
      if (!maxWait.isZero() && !maxWait.isNegative()) {
        s.setDouble(2, maxWait.toNanos() / 1e9);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }

  @Override
  public boolean covers(String applied, String required) {
    return GtidSet.parse(applied).covers(GtidSet.parse(required));
  }

  @Override
  public Position parsePosition(String text) {
    return GtidSet.parse(text);
  }

  @Override
  public String writableReason() {
    return "read_only=0 and no replica status";
  }

  @Override
  public boolean isConnectionFailure(@Nullable Throwable e) {
    return MySqlFamilyErrors.isConnectionFailure(e);
  }

  @Override
  public boolean isReadOnlyViolation(@Nullable Throwable e) {
    return MySqlFamilyErrors.isReadOnlyViolation(e);
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return name();
  }
}
