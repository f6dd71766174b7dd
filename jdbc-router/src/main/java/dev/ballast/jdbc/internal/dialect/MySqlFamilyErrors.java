package dev.ballast.jdbc.internal.dialect;

import dev.ballast.jdbc.internal.SqlStates;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What MySQL's and MariaDB's errors mean for routing. The read-only codes (1290, 1836, 1792) are
 * already known to {@link SqlStates}; what is added here are the vendor codes for a lost
 * connection, which those servers report with SQLStates outside class {@code 08}. Stateless.
 */
final class MySqlFamilyErrors {

  /**
   * 1053 server shutdown in progress, 1927 connection killed (SQLState 70100, which also means a
   * mere interrupted query, 1317, so the code decides), 2006 server has gone away, 2013 lost
   * connection during query (client-side codes that drivers pass on).
   */
  private static final Set<Integer> CONNECTION_GONE = Set.of(1053, 1927, 2006, 2013);

  private MySqlFamilyErrors() {}

  static boolean isConnectionFailure(@Nullable Throwable e) {
    if (SqlStates.isConnectionFailure(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && CONNECTION_GONE.contains(sql.getErrorCode())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static boolean isReadOnlyViolation(@Nullable Throwable e) {
    return SqlStates.isReadOnlyViolation(e);
  }
}
