package dev.ballast.jdbc.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Classifies SQL failures for routing decisions. Stateless. */
public final class SqlStates {
  private SqlStates() {}

  /**
   * Whether {@code e} (or a cause) says the connection itself failed: SQLState class {@code 08}
   * (connection exception), or PostgreSQL's {@code 57P01..57P03} (the server is shutting down or
   * cannot accept connections). These count as a failure of the host and trigger a re-check.
   */
  public static boolean isConnectionFailure(@Nullable Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null
            && (state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03"))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether {@code e} (or a cause) says the server refused a write because it is read-only, as a
   * supposed primary does once it was demoted: SQLState {@code 25006} (read_only_sql_transaction,
   * PostgreSQL and the standard), or MySQL's/MariaDB's vendor codes {@code 1290} (the server runs
   * with {@code --read-only}), {@code 1836} (read-only mode) and {@code 1792} (cannot execute in a
   * read-only transaction). The MySQL codes count only with MySQL's SQLStates for them ({@code
   * HY000}, {@code 25006}): other vendors reuse the numbers for unrelated errors.
   */
  public static boolean isReadOnlyViolation(@Nullable Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isReadOnlyViolation(sql)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isReadOnlyViolation(SQLException e) {
    String state = e.getSQLState();
    if ("25006".equals(state)) {
      return true;
    }
    int code = e.getErrorCode();
    // 1290 (ER_OPTION_PREVENTS_STATEMENT) also covers options such as --secure-file-priv: a
    // needless re-check costs one probe round, a missed demotion costs every write until the next.
    return "HY000".equals(state) && (code == 1290 || code == 1836 || code == 1792);
  }

  /**
   * The first sentence of {@code e}'s message (drivers append advice to it), without a trailing
   * period; the class name when there is no message.
   */
  public static String shortMessage(@Nullable Throwable e) {
    if (e == null) {
      return "unknown failure";
    }
    Throwable t = e;
    // Pools wrap the driver's error; the driver's own message says more.
    while (t.getCause() != null
        && t.getCause() != t
        && t instanceof SQLException
        && t.getCause() instanceof SQLException
        && t.getClass().getName().contains("Transient")) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int end = m.indexOf(". ");
    String first = end > 0 ? m.substring(0, end) : m;
    first = first.strip();
    if (first.endsWith(".")) {
      first = first.substring(0, first.length() - 1);
    }
    int newline = first.indexOf('\n');
    return newline > 0 ? first.substring(0, newline) : first;
  }
}
