package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads PostgreSQL WAL positions over an application connection. Stateless. */
final class WalPositions {
  /*
   * The insert position, not pg_current_wal_lsn() (the write position): with synchronous_commit =
   * off a commit returns once its record is inserted into the WAL buffers, before the WAL writer
   * has written it, so the write position can still lie before the commit record and a replica that
   * reached it may lack the row (reproduced: 396 of 400 read-backs stale). Read after the commit on
   * the same session, the insert position is at or past the end of that session's commit record
   * whatever the commit mode; it may also cover later records of other sessions, which can only make
   * a read wait for a little more WAL, never read stale data. No exact "commit LSN" is exposed to a
   * client without an extension.
   */
  private static final String CURRENT =
      "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint";
  private static final String REPLAYED =
      "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint";

  private WalPositions() {}

  /**
   * The primary's WAL insert position, read right after a commit: at or past the end of the commit
   * record, also when the commit was asynchronous. With autocommit off the query would open a
   * transaction of its own, so autocommit is switched on around it (pgjdbc does that without a
   * round trip when no transaction is open, which is the case right after a commit).
   */
  static long current(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (!autoCommit) {
      c.setAutoCommit(true);
    }
    try {
      return single(c, CURRENT);
    } finally {
      if (!autoCommit) {
        c.setAutoCommit(false);
      }
    }
  }

  /**
   * A replica's replay position, {@link Lsns#NONE} when it has none (it is not in recovery). Leaves
   * no transaction open.
   */
  static long replayed(Connection c) throws SQLException {
    long lsn = single(c, REPLAYED);
    if (!c.getAutoCommit()) {
      c.rollback();
    }
    return lsn;
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long v = rs.getLong(1);
      return rs.wasNull() ? Lsns.NONE : v;
    }
  }
}
