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

/**
 * MySQL 8.0.22+ through Connector/J ({@code jdbc:mysql:}). Same model as {@link MariaDbDialect},
 * with MySQL's names: {@code read_only}/{@code super_read_only}, {@code SHOW REPLICA STATUS}
 * ({@code Replica_SQL_Running}, {@code Seconds_Behind_Source}, {@code Retrieved_Gtid_Set}), GTID
 * sets ({@link GtidSet}) from {@code @@gtid_executed}, and {@code WAIT_FOR_EXECUTED_GTID_SET} for a
 * bounded wait. No MySQL server runs in this project's tests: the parsing and classification are
 * unit-tested, the SQL is not.
 */
final class MySqlDialect extends MySqlFamilyDialect {

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
  Position parse(String text) {
    return GtidSet.parse(text);
  }

  @Override
  String readCommitPosition(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT @@global.gtid_executed")) {
      rs.next();
      return GtidSet.parse(nullToEmpty(rs.getString(1))).toString();
    }
  }

  @Override
  PreparedStatement prepareWait(Connection c, Position position, Duration maxWait)
      throws SQLException {
    boolean now = maxWait.isZero() || maxWait.isNegative();
    // WAIT_FOR_EXECUTED_GTID_SET waits forever when given 0: an immediate answer is GTID_SUBSET's
    PreparedStatement s =
        c.prepareStatement(
            now
                ? "SELECT GTID_SUBSET(?, @@global.gtid_executed) = 1"
                : "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) = 0");
    s.setString(1, position.text());
    if (!now) {
      s.setDouble(2, maxWait.toNanos() / 1e9);
    }
    return s;
  }
}
