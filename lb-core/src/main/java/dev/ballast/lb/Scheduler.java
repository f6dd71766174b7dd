package dev.ballast.lb;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Timer SPI for the control plane (health-check rounds, ejection expiry, slow-start steps).
 * Injected so tests can run timers from a fake clock; transports may pass their own event loop.
 *
 * <p>Tasks may run on any thread; the load balancer hands them to its serialized control plane.
 */
public interface Scheduler {
  /**
   * Runs {@code task} once after {@code delayNanos}; returns a handle that cancels it.
   *
   * @param task the task to run
   * @param delayNanos the delay in nanoseconds
   * @return a handle that cancels the task
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /** Releases the scheduler's threads, if it owns any. The default does nothing. */
  default void shutdown() {}

  /** A scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run yet; idempotent. */
    void cancel();
  }

  /**
   * {@return a scheduler on one daemon thread, shut down by {@link #shutdown()}}
   *
   * @param name the thread's name
   */
  static Scheduler daemonThread(String name) {
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new Scheduler() {
      @Override
      public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public void shutdown() {
        executor.shutdownNow();
      }
    };
  }
}
