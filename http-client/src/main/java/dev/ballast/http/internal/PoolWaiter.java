package dev.ballast.http.internal;

/** Something waiting for a pooled connection; every method is called on the pool's event loop. */
interface PoolWaiter {
  /** Takes {@code connection}, which the waiter must later release to the pool (or close). */
  void onChannel(PooledConnection connection, boolean reused);

  /** No connection can be had. */
  void onAcquireFailure(AttemptFailure failure);

  /**
   * Whether the request may be sent twice without harm: one that is not must not go on a connection
   * idle long enough that the server may be closing it.
   */
  boolean idempotent();

  /** Whether the waiter still wants a connection (false once timed out or cancelled). */
  boolean isWaiting();
}
