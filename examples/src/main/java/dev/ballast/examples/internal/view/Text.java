package dev.ballast.examples.internal.view;

import java.util.Locale;

/** Number formats and bars shared by the views and the summary. Stateless. */
public final class Text {

  private Text() {}

  /** {@code 0.702} as {@code "70.2%"}. */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** {@code 0.702} as {@code "70%"}. */
  public static String percentRounded(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** Milliseconds with one decimal ({@code "1.9 ms"}), or {@code "-"} for NaN. */
  public static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  /** Seconds with two decimals ({@code "0.84 s"}), or {@code "-"} for NaN. */
  public static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f s", s);
  }

  /** A count with thin grouping ({@code "12 345"}). */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  /**
   * A horizontal bar of {@code width} cells filled to {@code fraction}, with eighth-cell precision
   * when {@code unicode}, else with {@code #} and {@code .}.
   */
  public static String bar(double fraction, int width, boolean unicode) {
    double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    StringBuilder sb = new StringBuilder(width);
    if (!unicode) {
      int full = (int) Math.round(f * width);
      for (int i = 0; i < width; i++) {
        sb.append(i < full ? '#' : '.');
      }
      return sb.toString();
    }
    int eighths = (int) Math.round(f * width * 8);
    for (int i = 0; i < width; i++) {
      int cell = Math.max(0, Math.min(8, eighths - i * 8));
      sb.append(cell == 0 ? '\u2591' : cell == 8 ? '\u2588' : (char) ('\u2590' - cell));
    }
    return sb.toString();
  }

  /** {@code s} cut or padded with spaces to {@code width}. */
  public static String pad(String s, int width) {
    if (s.length() >= width) {
      return s.substring(0, width);
    }
    return s + " ".repeat(width - s.length());
  }

  /** {@code s} right-aligned in {@code width}. */
  public static String padLeft(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    return " ".repeat(width - s.length()) + s;
  }
}
