package dev.ballast.jdbc.internal;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements open on a logical connection's binding, kept in one field of the connection: null
 * when none is open, the statement itself when one is (a read cycle makes one), and a list only
 * once two are open at the same time (a list and its array would cost every read cycle 48 bytes).
 * Stateless; the connection's thread only.
 */
final class OpenStatements {
  private OpenStatements() {}

  /** {@code open} with {@code statement} added. */
  static Object add(@Nullable Object open, Statement statement) {
    if (open == null) {
      return statement;
    }
    if (open instanceof Statement one) {
      List<Statement> all = new ArrayList<>(4);
      all.add(one);
      all.add(statement);
      return all;
    }
    list(open).add(statement);
    return open;
  }

  /** {@code open} without {@code statement} (the same one, not an equal one). */
  static @Nullable Object remove(@Nullable Object open, Statement statement) {
    if (open == statement) {
      return null;
    }
    if (open != null && !(open instanceof Statement)) {
      List<Statement> all = list(open);
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i) == statement) {
          all.remove(i);
          break;
        }
      }
    }
    return open;
  }

  /** How many statements {@code open} holds. */
  static int count(@Nullable Object open) {
    return open == null ? 0 : open instanceof Statement ? 1 : list(open).size();
  }

  /** Whether {@code statement} is the only one in {@code open}. */
  static boolean only(@Nullable Object open, Statement statement) {
    if (open == null || open instanceof Statement) {
      return open == statement;
    }
    List<Statement> all = list(open);
    return all.size() == 1 && all.get(0) == statement;
  }

  /** Closes every statement of {@code open}, the newest first, quietly. */
  static void closeAll(@Nullable Object open) {
    if (open instanceof Statement one) {
      JdbcClose.quietly(one);
    } else if (open != null) {
      List<Statement> all = list(open);
      // Backwards: a statement's close may remove it, and only it, from the list.
      for (int i = all.size() - 1; i >= 0; i--) {
        JdbcClose.quietly(all.get(i));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Statement> list(Object open) {
    return (List<Statement>) open;
  }
}
