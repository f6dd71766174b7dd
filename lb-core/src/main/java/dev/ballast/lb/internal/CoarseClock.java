package dev.ballast.lb.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A shared reading of {@link System#nanoTime()} refreshed about once a millisecond by one daemon
 * thread, for the completion path: the peak-EWMA decay needs "now" only to within a small fraction
 * of its τ (10 s), and reading the system clock on every completion costs more than the rest of a
 * pick and completion together (about 30 ns here).
 *
 * <p>Reference-counted: the thread runs while at least one balancer on the system ticker is open
 * and is stopped (and joined) by the last {@link #release()}, so closing every client leaves no
 * thread behind. Readers see a value at most one tick (plus scheduling delay) old and never
 * decreasing by more than a stopped thread's last write.
 */
final class CoarseClock {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static volatile long now = System.nanoTime();
  private static int users;
  private static @Nullable Thread thread;

  private CoarseClock() {}

  /** The last reading; only meaningful between {@link #retain()} and {@link #release()}. */
  static long now() {
    return now;
  }

  /** Starts the ticking thread if this is the first user. */
  static synchronized void retain() {
    if (users++ == 0) {
      now = System.nanoTime();
      Thread t = new Thread(CoarseClock::tick, "ballast-clock");
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  /** Stops and joins the ticking thread if this was the last user. */
  static synchronized void release() {
    if (users == 0) {
      throw new IllegalStateException("CoarseClock released more often than retained");
    }
    if (--users == 0) {
      Thread t = thread;
      thread = null;
      if (t != null) {
        t.interrupt();
        try {
          t.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** How many balancers hold the clock (tests). */
  static synchronized int users() {
    return users;
  }

  /** Whether the ticking thread is running (tests). */
  static synchronized boolean isRunning() {
    return thread != null;
  }

  private static void tick() {
    while (!Thread.currentThread().isInterrupted()) {
      now = System.nanoTime();
      LockSupport.parkNanos(TICK_NANOS);
    }
  }
}
