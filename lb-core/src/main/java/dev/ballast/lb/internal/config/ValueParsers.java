package dev.ballast.lb.internal.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsers for property values and the {@code (expected: …)} texts that go with them. Each parser
 * takes a trimmed, non-empty value and throws {@link IllegalArgumentException} when it is not
 * acceptable; the caller words the problem. Stateless.
 */
public final class ValueParsers {
  /** What {@link #shares} accepts. */
  public static final String SHARES_EXPECTED =
      "comma-separated zone=share pairs with non-negative numbers, each zone once, such as"
          + " a=40,b=40,c=20";

  /** What {@link #bool} accepts. */
  public static final String BOOL_EXPECTED = "true or false";

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private ValueParsers() {}

  /** An integer in {@code min..max}; no unit, no fraction, no thousands separators. */
  public static int integer(String text, int min, int max) {
    if (!INTEGER.matcher(text).matches()) {
      throw new IllegalArgumentException("not an integer");
    }
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("out of range", e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("out of range");
    }
    return (int) v;
  }

  /** The {@code (expected: …)} text for {@link #integer}, e.g. {@code an integer 0..100}. */
  public static String integerExpected(int min, int max) {
    return rangeText(
        "an integer",
        min == Integer.MIN_VALUE ? null : Integer.toString(min),
        max == Integer.MAX_VALUE ? null : Integer.toString(max));
  }

  /**
   * A finite decimal number in {@code min..max} (plain or scientific notation; {@code NaN}, {@code
   * Infinity} and hexadecimal forms are refused).
   */
  public static double decimal(String text, double min, double max) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException("not a number");
    }
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v) || v < min || v > max) {
      throw new IllegalArgumentException("out of range");
    }
    return v;
  }

  /** The {@code (expected: …)} text for {@link #decimal}, e.g. {@code a number >= 1}. */
  public static String decimalExpected(double min, double max) {
    return rangeText(
        "a number",
        Double.isInfinite(min) ? null : plain(min),
        Double.isInfinite(max) ? null : plain(max));
  }

  /** {@code true} or {@code false}, in any letter case. */
  public static boolean bool(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  /**
   * Zone shares {@code a=40,b=40,c=20} in the order written; every share finite and non-negative,
   * each zone once, and at least one share above zero.
   */
  public static Map<String, Double> shares(String text) {
    Map<String, Double> shares = new LinkedHashMap<>();
    double total = 0;
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a zone=share pair");
      }
      String zone = pair.substring(0, eq).trim();
      double share = decimal(pair.substring(eq + 1).trim(), 0, Double.POSITIVE_INFINITY);
      if (zone.isEmpty() || shares.put(zone, share) != null) {
        throw new IllegalArgumentException("empty or repeated zone");
      }
      total += share;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("no positive share");
    }
    return shares;
  }

  private static String rangeText(String what, @Nullable String min, @Nullable String max) {
    if (min != null && max != null) {
      return what + " " + min + ".." + max;
    }
    if (min != null) {
      return what + " >= " + min;
    }
    if (max != null) {
      return what + " <= " + max;
    }
    return what;
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
