package dev.ballast.jdbc.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What MariaDB and MySQL share: GTID positions read on the primary right after a commit and waited
 * for on a replica with one bounded server-side wait, the same error codes, and the same definition
 * of a writable host. The subclasses say only which variables and functions their engine names.
 */
abstract class MySqlFamilyDialect implements Dialect {

  /** The engine's GTID text parsed into its {@link Position}. */
  abstract Position parse(String text);

  /** Reads the commit position on a connection in autocommit mode (so no transaction is opened). */
  abstract String readCommitPosition(Statement s) throws SQLException;

  /**
   * The statement whose single boolean column says whether the replica applied {@code position}
   * within {@code maxWait}.
   */
  abstract PreparedStatement prepareWait(Connection c, Position position, Duration maxWait)
      throws SQLException;

  @Override
  public final String commitPosition(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (!autoCommit) {
      // right after a commit no transaction is open: switching commits nothing
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement()) {
      return readCommitPosition(s);
    } finally {
      if (!autoCommit) {
        c.setAutoCommit(false);
      }
    }
  }

  @Override
  public final boolean awaitPosition(Connection c, String position, Duration maxWait)
      throws SQLException {
    Position parsed = parse(position); // only well-formed positions reach the server
    try (PreparedStatement s = prepareWait(c, parsed, maxWait);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }

  @Override
  public final boolean covers(String applied, String required) {
    return parse(applied).covers(parse(required));
  }

  @Override
  public final Position parsePosition(String text) {
    return parse(text);
  }

  @Override
  public final String writableReason() {
    return "read_only=0 and no replica status";
  }

  @Override
  public final boolean isConnectionFailure(@Nullable Throwable e) {
    return MySqlFamilyErrors.isConnectionFailure(e);
  }

  @Override
  public final boolean isReadOnlyViolation(@Nullable Throwable e) {
    return MySqlFamilyErrors.isReadOnlyViolation(e);
  }

  static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  @Override
  public final String toString() {
    return name();
  }
}
