package dev.ballast.http.internal;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.Locale;

/**
 * Why an {@link EndpointPool} gave a waiter no connection: the endpoint left, the pool and its
 * queue are full, or the connect failed (refused, timed out, or otherwise). The details end up in
 * the call's failure message, where users and tests read them: they are API.
 */
final class PoolFailures {
  private PoolFailures() {}

  /** The pool closed because its endpoint left the service (or the client closed). */
  static AttemptFailure endpointRemoved() {
    return new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null);
  }

  /** Every connection busy and {@code maxPending} waiters already queued. */
  static AttemptFailure exhausted(int max, int maxPending) {
    return new AttemptFailure(
        FailureKind.POOL_EXHAUSTED,
        "all "
            + max
            + " connections busy and "
            + maxPending
            + " attempts already waiting (max-pending-acquires)",
        null);
  }

  /** A failed connect or TLS handshake, by {@code cause}. */
  static AttemptFailure connect(Throwable cause) {
    String msg = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (cause instanceof ConnectTimeoutException) {
      return new AttemptFailure(FailureKind.CONNECT_FAILED, "connect timed out", cause);
    }
    if (cause instanceof ConnectException && msg.contains("refused")) {
      return new AttemptFailure(FailureKind.CONNECT_REFUSED, "connection refused", cause);
    }
    return new AttemptFailure(
        FailureKind.CONNECT_FAILED, "connect failed: " + cause.getMessage(), cause);
  }
}
