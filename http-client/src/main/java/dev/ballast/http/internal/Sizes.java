package dev.ballast.http.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes in properties: a whole number of bytes, or a number with a unit {@code B},
 * {@code KB}, {@code MB}, {@code GB} (powers of 1024; case-insensitive). At most {@code
 * Integer.MAX_VALUE} bytes, the largest body Netty aggregates. Stateless.
 */
final class Sizes {
  static final String EXPECTED = "a size such as 512KB, 10MB or 1048576 (bytes), at most 2047MB";
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

  private Sizes() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when malformed, zero-free checks aside, or too large
   */
  static int parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("size: " + text + " (expected: " + EXPECTED + ")");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit) {
          case "kb" -> 1024L;
          case "mb" -> 1024L * 1024;
          case "gb" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    if (n > Integer.MAX_VALUE / factor) {
      throw new IllegalArgumentException("size: " + text + " (expected: " + EXPECTED + ")");
    }
    return (int) (n * factor);
  }
}
