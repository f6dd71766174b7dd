package dev.ballast.testkit.internal.pg;

import java.util.Locale;

/** Formats WAL positions (bytes from {@code 0/0}) the way PostgreSQL prints a {@code pg_lsn}. */
public final class Lsn {

  private Lsn() {}

  /** {@code 0x1_0000_0060} becomes {@code "1/60"}. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT)
        + "/"
        + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT);
  }
}
