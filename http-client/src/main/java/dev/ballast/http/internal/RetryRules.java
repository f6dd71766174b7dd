package dev.ballast.http.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which failed attempts a {@link Call} may retry, and the reason it gives when it may not.
 *
 * <p>Idempotent methods are retried after connect failures, resets, timeouts and 502/503/504; any
 * method when the request provably never left (refused or failed connect, no free connection,
 * endpoint gone). Each retry excludes the endpoints already tried. When every endpoint has been
 * tried, an endpoint may be tried again only after a refused connect or a stale keep-alive
 * connection (failures that say nothing about the request); otherwise the call stops.
 *
 * <p>Stateless; every method is a pure function of its arguments.
 */
final class RetryRules {
  private RetryRules() {}

  /** Whether a response with {@code status} may be retried (idempotent methods only). */
  static boolean isRetryableStatus(int status) {
    return status == 502 || status == 503 || status == 504;
  }

  /** Whether an attempt that failed with {@code kind} may be retried on another endpoint. */
  static boolean mayRetry(FailureKind kind, boolean idempotent) {
    return kind.neverSent || (idempotent && kind.retryableWhenIdempotent());
  }

  /** The stop reason of a call whose attempt failed with {@code kind} and may not be retried. */
  static String notRetryableReason(FailureKind kind, String method) {
    if (!kind.retryableWhenIdempotent()) {
      return "not retried: " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    return "not retried: a " + method + " may have been received by the endpoint";
  }

  /**
   * Whether an endpoint already tried may be picked again: only when no response came back and the
   * last failure ({@code lastFailure}, null when none) says nothing about the request.
   */
  static boolean mayRetryTriedEndpoint(boolean hadResponse, @Nullable FailureKind lastFailure) {
    return !hadResponse
        && (lastFailure == FailureKind.CONNECT_REFUSED
            || lastFailure == FailureKind.STALE_CONNECTION);
  }
}
