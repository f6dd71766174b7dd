package dev.ballast.jdbc.internal;

/** Receives every routing decision (for metrics). Must be cheap and thread-safe. */
@FunctionalInterface
public interface RouteRecorder {
  /** Records nothing. */
  RouteRecorder NONE = reason -> {};

  /** One logical connection was bound for {@code reason}. */
  void routed(RouteReason reason);
}
