package dev.ballast.jdbc;

/**
 * A read-your-writes scope opened by {@link RoutingDataSource#withToken(ConsistencyToken)}: while
 * it is open, reads on the opening thread see at least the token's writes (and this thread's later
 * ones). Closing it restores the thread's context from before. Use with try-with-resources, on the
 * thread that opened it; closing twice does nothing.
 */
public final class ConsistencyScope implements AutoCloseable {
  private final Thread owner;
  private final Runnable restore;
  private boolean closed;

  ConsistencyScope(Runnable restore) {
    this.owner = Thread.currentThread();
    this.restore = restore;
  }

  /**
   * Restores the thread's previous read-your-writes context.
   *
   * @throws IllegalStateException if called from another thread than the one that opened it
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "thread: " + Thread.currentThread().getName() + " (expected: " + owner.getName() + ")");
    }
    closed = true;
    restore.run();
  }
}
