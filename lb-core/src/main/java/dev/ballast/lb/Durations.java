package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses and formats the durations used in Ballast properties.
 *
 * <p>Accepted forms: a non-negative decimal number followed by a unit — {@code ns}, {@code us} (or
 * {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} — such as {@code 250ms},
 * {@code 5s}, {@code 1.5s}, {@code 2m}; ISO-8601 such as {@code PT5S} or {@code P1DT2H}, in any
 * letter case; and a bare {@code 0}. Units are case-insensitive ({@code 5S} is five seconds; there
 * are no months, so {@code M} is minutes). Stateless and thread-safe.
 */
public final class Durations {
  /** What a valid duration looks like, for {@code (expected: …)} messages. */
  public static final String EXPECTED = "a non-negative duration such as 250ms, 5s, 2m or PT5S";

  private static final Pattern UNIT_FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|μs|ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Long.MAX_VALUE);

  /** Units from largest to smallest, for {@link #format}. */
  private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms", "us", "ns"};

  private static final long[] UNIT_NANOS = {
    86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
  };

  private Durations() {}

  /**
   * Parses {@code text} (surrounding whitespace ignored). Fractions below one nanosecond are
   * rounded half up.
   *
   * @param text the text to parse
   * @return a non-negative duration, never null
   * @throws IllegalArgumentException for a negative, malformed or too large duration, with a
   *     message {@code duration: <text> (expected: …)}
   */
  public static Duration parse(String text) {
    requireNonNull(text, "text");
    String t = text.trim();
    Duration d = t.isEmpty() ? null : parseOrNull(t);
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("duration: " + text + " (expected: " + EXPECTED + ")");
    }
    return d;
  }

  private static @Nullable Duration parseOrNull(String t) {
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    char first = t.charAt(0);
    if (first == 'P' || first == 'p' || first == '-' || first == '+') {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    Matcher m = UNIT_FORM.matcher(t);
    if (!m.matches()) {
      return null;
    }
    BigDecimal nanos =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(nanosPerUnit(m.group(2).toLowerCase(Locale.ROOT))))
            .setScale(0, RoundingMode.HALF_UP);
    BigInteger[] secondsAndNanos = nanos.toBigInteger().divideAndRemainder(NANOS_PER_SECOND);
    if (secondsAndNanos[0].compareTo(MAX_SECONDS) > 0) {
      return null;
    }
    return Duration.ofSeconds(secondsAndNanos[0].longValue(), secondsAndNanos[1].longValue());
  }

  private static long nanosPerUnit(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 86_400_000_000_000L;
    };
  }

  /**
   * Formats {@code duration} compactly in the largest unit that represents it exactly: {@code
   * 250ms}, {@code 5s}, {@code 90s}, {@code 2m}, {@code 1d}, {@code 1500us}; zero is {@code 0s}.
   * The result parses back to the same duration; a negative duration gets a leading {@code -}
   * (which {@link #parse} rejects).
   *
   * @param duration the duration
   * @return never null
   */
  public static String format(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isZero()) {
      return "0s";
    }
    // BigInteger: Duration's range (±2^63 s) overflows a long of nanoseconds.
    BigInteger nanos =
        BigInteger.valueOf(duration.getSeconds())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(duration.getNano()));
    String sign = nanos.signum() < 0 ? "-" : "";
    BigInteger abs = nanos.abs();
    for (int i = 0; i < UNIT_NAMES.length; i++) {
      BigInteger[] qr = abs.divideAndRemainder(BigInteger.valueOf(UNIT_NANOS[i]));
      if (qr[1].signum() == 0) {
        return sign + qr[0] + UNIT_NAMES[i];
      }
    }
    throw new AssertionError("every duration is a whole number of nanoseconds");
  }
}
