package dev.ballast.http.internal;

import java.util.concurrent.TimeUnit;

/**
 * What a server's {@code Keep-Alive: timeout=N} header (RFC 2068 §19.7.1.1; sent by Apache httpd,
 * gunicorn, Node and others) tells the pool: how long the connection may stay idle before the
 * server closes it, and so how long it may be reused without racing that close.
 *
 * <p>The server's clock starts when it wrote its last response; ours when we read it, a little
 * later, and our next request takes a little longer to reach it. A connection is therefore reused
 * only for the first three quarters of the announced timeout: the quarter left over covers those
 * delays (250 ms on a 1 s timeout, 1.25 s on Node's 5 s), at the price of a new connection a little
 * earlier than strictly needed.
 */
final class KeepAliveTimeout {
  /** No timeout announced: reuse is bounded only by the client's own limits. */
  static final long UNKNOWN = Long.MAX_VALUE;

  // An announced timeout beyond a day is as good as none; the cap keeps the arithmetic in range.
  private static final long MAX_SECONDS = TimeUnit.DAYS.toSeconds(1);

  private KeepAliveTimeout() {}

  /**
   * The reuse limit in nanoseconds that {@code header} announces, or {@code previous} when it
   * carries no valid {@code timeout} parameter (e.g. only {@code max=100}).
   */
  static long reuseLimitNanos(String header, long previous) {
    int n = header.length();
    int i = 0;
    while (i < n) {
      int end = header.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      long seconds = timeoutSeconds(header, i, end);
      if (seconds >= 0) {
        return TimeUnit.SECONDS.toNanos(seconds) / 4 * 3;
      }
      i = end + 1;
    }
    return previous;
  }

  /** The value of a {@code timeout=<digits>} parameter in {@code h[from, to)}, else -1. */
  private static long timeoutSeconds(String h, int from, int to) {
    int i = from;
    while (i < to && h.charAt(i) == ' ') {
      i++;
    }
    String name = "timeout";
    if (to - i <= name.length() || !h.regionMatches(true, i, name, 0, name.length())) {
      return -1;
    }
    i += name.length();
    while (i < to && h.charAt(i) == ' ') {
      i++;
    }
    if (i >= to || h.charAt(i) != '=') {
      return -1;
    }
    i++;
    while (i < to && h.charAt(i) == ' ') {
      i++;
    }
    long seconds = 0;
    int digits = 0;
    for (; i < to && h.charAt(i) >= '0' && h.charAt(i) <= '9'; i++, digits++) {
      seconds = Math.min(MAX_SECONDS, seconds * 10 + (h.charAt(i) - '0'));
    }
    while (i < to && h.charAt(i) == ' ') {
      i++;
    }
    return digits > 0 && i == to ? seconds : -1;
  }
}
