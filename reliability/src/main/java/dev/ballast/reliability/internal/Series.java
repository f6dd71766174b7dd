package dev.ballast.reliability.internal;

/** Names of the {@link Timeline} series that the traffic classes write and the chart reads. */
public final class Series {
  /** HTTP calls that succeeded. */
  public static final String HTTP_OK = "http ok";

  /** GETs that failed without excuse: an invariant violation. */
  public static final String HTTP_IDEMPOTENT_FAILED = "http GET failed";

  /** POSTs that failed (allowed when the request may have been received). */
  public static final String HTTP_POST_FAILED = "http POST failed";

  /** Prefix of the per-endpoint answer counts: {@code share <endpoint id>}. */
  public static final String HTTP_SHARE_PREFIX = "share ";

  /** HTTP call latency. */
  public static final String HTTP_LATENCY = "http";

  /** JDBC writes acknowledged. */
  public static final String JDBC_WRITE_OK = "jdbc write ok";

  /** JDBC writes that failed (allowed while there is no primary). */
  public static final String JDBC_WRITE_FAILED = "jdbc write failed";

  /** JDBC reads that failed. */
  public static final String JDBC_READ_FAILED = "jdbc read failed";

  /** Reads under read-your-writes that missed the reader's own write: an invariant violation. */
  public static final String JDBC_STALE_READ = "jdbc stale read";

  /** JDBC write latency. */
  public static final String JDBC_WRITE_LATENCY = "jdbc write";

  /** JDBC read latency. */
  public static final String JDBC_READ_LATENCY = "jdbc read";

  private Series() {}
}
