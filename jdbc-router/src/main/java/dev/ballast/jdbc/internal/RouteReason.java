package dev.ballast.jdbc.internal;

/**
 * Why a logical connection went where it went; the {@code reason} tag of {@code
 * ballast.jdbc.routes}, with the {@code route} tag implied.
 */
public enum RouteReason {
  /** Read-write work: the primary. */
  WRITE("primary", "write"),
  /** Read-only work on an eligible replica. */
  READ("replica", "read"),
  /** Read-only work on the primary because no replica was eligible ({@code fallback=primary}). */
  FALLBACK("primary", "fallback"),
  /** Read-only work on the primary because no replica had caught up with this context's writes. */
  READ_YOUR_WRITES("primary", "read-your-writes");

  private final String route;
  private final String tag;

  RouteReason(String route, String tag) {
    this.route = route;
    this.tag = tag;
  }

  /** {@code primary} or {@code replica}. */
  public String route() {
    return route;
  }

  /** The reason tag value. */
  public String tag() {
    return tag;
  }

  /** Whether the connection goes to the primary. */
  public boolean toPrimary() {
    return this != READ;
  }
}
