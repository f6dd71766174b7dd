package dev.ballast.http.internal;

import dev.ballast.lb.Outcome;

/**
 * Why an attempt produced no response, with the two facts retries and feedback need: whether the
 * request provably never left this process, and what to tell the load balancer.
 */
enum FailureKind {
  /** The endpoint refused the TCP connection. */
  CONNECT_REFUSED(true, Outcome.FAILURE),
  /** The connect (or TLS handshake) failed or timed out. */
  CONNECT_FAILED(true, Outcome.FAILURE),
  /** Too many attempts were already waiting for this endpoint's connections. */
  POOL_EXHAUSTED(true, Outcome.NOT_SENT),
  /** The endpoint left the service between pick and connect. */
  ENDPOINT_REMOVED(true, Outcome.NOT_SENT),
  /**
   * The attempt's deadline passed while it queued for a busy pool's connection; nothing was
   * written. Not the endpoint's fault: the pool is this client's own limit, and counting it as a
   * failure would let heavy load inside the client eject healthy endpoints, and reporting the wait
   * as a latency would let it make them look slow.
   */
  POOL_WAIT_TIMEOUT(true, Outcome.NOT_SENT),
  /** The attempt's deadline passed while its connection was still being set up. */
  CONNECT_TIMEOUT(true, Outcome.FAILURE),
  /** The connection closed or was reset before the whole response arrived. */
  RESET(false, Outcome.FAILURE),
  /** A reused keep-alive connection closed before any response byte: usually a stale one. */
  STALE_CONNECTION(false, Outcome.FAILURE),
  /** No response before the attempt's deadline. */
  TIMEOUT(false, Outcome.FAILURE),
  /** The response was not valid HTTP/1.1. */
  PROTOCOL_ERROR(false, Outcome.FAILURE),
  /** The response body exceeded {@code max-response-size}; the endpoint did answer. */
  RESPONSE_TOO_LARGE(false, Outcome.SUCCESS),
  /** The call was cancelled or the client closed. */
  CANCELLED(false, Outcome.CANCELLED);

  final boolean neverSent;
  final Outcome outcome;

  FailureKind(boolean neverSent, Outcome outcome) {
    this.neverSent = neverSent;
    this.outcome = outcome;
  }

  /** Whether an idempotent request may be retried after this failure. */
  boolean retryableWhenIdempotent() {
    return this != RESPONSE_TOO_LARGE && this != CANCELLED;
  }
}
