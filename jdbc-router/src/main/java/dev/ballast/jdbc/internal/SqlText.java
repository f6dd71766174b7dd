package dev.ballast.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * The one look at SQL text the router takes: whether a query's first keyword says it only reads.
 * Used to spare a WAL-position round trip after {@code executeQuery}, never to choose a host.
 * Stateless; allocates nothing.
 */
final class SqlText {
  private static final String[] READ_KEYWORDS = {"SELECT", "VALUES", "TABLE", "SHOW"};

  private SqlText() {}

  /**
   * Whether {@code sql} starts (after blanks, comments and opening parentheses) with {@code
   * SELECT}, {@code VALUES}, {@code TABLE} or {@code SHOW}. {@code WITH} is not a read here: a
   * common table expression may insert, update or delete. Null or unreadable text is not a read.
   */
  static boolean isRead(@Nullable String sql) {
    if (sql == null) {
      return false;
    }
    int i = skipNoise(sql);
    for (String k : READ_KEYWORDS) {
      if (sql.regionMatches(true, i, k, 0, k.length())
          && (i + k.length() == sql.length()
              || !Character.isLetterOrDigit(sql.charAt(i + k.length())))) {
        return true;
      }
    }
    return false;
  }

  private static int skipNoise(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
