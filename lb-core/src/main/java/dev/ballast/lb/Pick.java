package dev.ballast.lb;

/**
 * The result of {@link LoadBalancer#pick}: an endpoint plus the handle through which the caller
 * reports the call's outcome, or "no endpoint" with a reason. Never null.
 *
 * <p>A present pick has counted one in-flight call on its endpoint; the caller must call {@link
 * #complete} exactly once. Pick objects are shared per endpoint (picking allocates nothing), so
 * they carry no per-call state: the caller measures the latency.
 */
public interface Pick {
  /** {@return whether an endpoint was chosen} */
  boolean isPresent();

  /**
   * {@return the chosen endpoint}
   *
   * @throws IllegalStateException if no endpoint was chosen
   */
  Endpoint endpoint();

  /**
   * {@return whether the endpoint is in the caller's zone (false when zones are unknown or absent)}
   */
  boolean isLocal();

  /** {@return why no endpoint was chosen; empty when {@link #isPresent()}} */
  String reason();

  /**
   * Reports how the call ended. Thread-safe; call exactly once per present pick. A no-op when no
   * endpoint was chosen.
   *
   * @param outcome how the call ended
   * @param latencyNanos time from pick to completion, in nanoseconds (ignored for {@link
   *     Outcome#CANCELLED})
   */
  void complete(Outcome outcome, long latencyNanos);
}
