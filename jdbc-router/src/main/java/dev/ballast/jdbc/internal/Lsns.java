package dev.ballast.jdbc.internal;

import java.util.Locale;

/**
 * PostgreSQL WAL positions as unsigned 64-bit byte offsets from {@code 0/0}, and their text form
 * {@code X/Y} (two hexadecimal halves, as {@code pg_current_wal_lsn()} prints them). Stateless.
 */
public final class Lsns {
  /** "No position known": below every real position. */
  public static final long NONE = -1L;

  private Lsns() {}

  /** {@code lsn} as PostgreSQL prints it, e.g. {@code 0/16B3748}. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT)
        + "/"
        + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
  }

  /**
   * Parses {@code X/Y}.
   *
   * @throws IllegalArgumentException if {@code text} is not of that form
   */
  public static long parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
      throw new IllegalArgumentException("lsn: " + text + " (expected: X/Y in hexadecimal)");
    }
    try {
      long hi = Long.parseLong(text.substring(0, slash), 16);
      long lo = Long.parseLong(text.substring(slash + 1), 16);
      return (hi << 32) | lo;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lsn: " + text + " (expected: X/Y in hexadecimal)", e);
    }
  }
}
