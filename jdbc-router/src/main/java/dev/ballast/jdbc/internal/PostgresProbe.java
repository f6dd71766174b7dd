package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads a host's role, WAL positions and replay age in one round trip. PostgreSQL functions: {@code
 * pg_is_in_recovery()}, {@code pg_current_wal_lsn()} (primary), {@code pg_last_wal_replay_lsn()}
 * and {@code pg_last_wal_receive_lsn()} (replica), {@code pg_last_xact_replay_timestamp()}, and
 * {@code pg_walfile_name()} for the primary's timeline (which tells a promoted replica from an old
 * primary that came back). Stateless.
 */
final class PostgresProbe {
  // The CASEs keep primary-only functions off replicas (they raise "recovery is in progress").
  static final String QUERY =
      "SELECT r,"
          + " CASE WHEN r THEN pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint"
          + " ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint END,"
          + " CASE WHEN r THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '0/0')::bigint END,"
          + " CASE WHEN r THEN extract(epoch FROM clock_timestamp()"
          + " - pg_last_xact_replay_timestamp())::float8 END,"
          + " CASE WHEN r THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END"
          + " FROM (SELECT pg_is_in_recovery() AS r) s";

  private PostgresProbe() {}

  /**
   * Probes over {@code c}. A database without these functions (SQLState class 42: undefined
   * function or syntax) gets a connectivity check and a result with {@code roleKnown=false}.
   */
  static ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(QUERY)) {
        rs.next();
        boolean inRecovery = rs.getBoolean(1);
        long lsn = rs.getLong(2);
        if (rs.wasNull()) {
          lsn = Lsns.NONE;
        }
        long receive = rs.getLong(3);
        if (rs.wasNull()) {
          receive = Lsns.NONE;
        }
        double age = rs.getDouble(4);
        if (rs.wasNull()) {
          age = Double.NaN;
        }
        String walFile = rs.getString(5);
        return new ProbeResult(inRecovery, true, lsn, receive, age, timeline(walFile));
      }
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (state != null && state.startsWith("42")) {
        if (!c.isValid(timeoutSeconds)) {
          throw new SQLException("connection is not valid", "08006", e);
        }
        return new ProbeResult(false, false, Lsns.NONE, Lsns.NONE, Double.NaN, 0);
      }
      throw e;
    }
  }

  /** The timeline in a WAL file name ({@code 000000020000000000000003} → 2); 0 when unknown. */
  static long timeline(@org.jspecify.annotations.Nullable String walFile) {
    if (walFile == null || walFile.length() < 8) {
      return 0;
    }
    try {
      return Long.parseLong(walFile.substring(0, 8), 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
