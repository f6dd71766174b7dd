package dev.ballast.testkit;

import static java.util.Objects.requireNonNull;

/**
 * One request as an {@link HttpInstance} received it: an entry of {@link
 * HttpInstance#requestLog()}.
 *
 * <p>Entries are recorded when the request has been read completely and its fate decided, before
 * any response byte is written; a client that has its response therefore always finds the entry.
 *
 * @param sequence per-instance sequence number, starting at 0 and reset by {@link
 *     HttpInstance#resetCounters()}; gaps mean older entries fell out of the bounded log
 * @param timestampNanos {@link System#nanoTime()} when the request was read (monotonic, only
 *     comparable with other {@code nanoTime} values of this JVM)
 * @param method the request method, as sent (e.g. {@code GET})
 * @param path the request target, as sent, including any query string
 * @param status the status the instance answered or will answer after its latency, or {@link
 *     #NO_RESPONSE} when the request was hung or reset
 * @param connectionId per-instance id of the accepted connection (starts at 1); equal ids mean the
 *     requests shared one keep-alive connection
 * @param healthCheck whether the request was for the farm's health path
 */
public record HttpInstanceRequest(
    long sequence,
    long timestampNanos,
    String method,
    String path,
    int status,
    long connectionId,
    boolean healthCheck) {

  /** The {@link #status()} of a request that received no response (hang or reset fault). */
  public static final int NO_RESPONSE = 0;

  /**
   * Checks the non-null fields.
   *
   * @param connectionId the connection the request came on
   * @param healthCheck whether it was a health check
   * @param method the HTTP method
   * @param path the request path and query
   * @param sequence the request number
   * @param status the status answered
   * @param timestampNanos when the request came in
   */
  public HttpInstanceRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
  }
}
