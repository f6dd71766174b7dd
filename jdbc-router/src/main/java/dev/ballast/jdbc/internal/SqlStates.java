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
   * Whether {@code e} says the server refused a write because it is read-only: SQLState {@code
   * 25006} (read_only_sql_transaction), which a supposed primary raises once it was demoted.
   */
  public static boolean isReadOnlyViolation(@Nullable Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && "25006".equals(((SQLException) t).getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
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
