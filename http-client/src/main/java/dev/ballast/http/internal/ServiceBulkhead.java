package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Durations;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One service's bulkhead ({@code bulkhead.max-concurrent-calls}): Resilience4j's semaphore bulkhead
 * used with no wait of its own. A caller that may block waits here for a released place, up to
 * {@code bulkhead.max-wait}, on a monitor that {@link #release} signals. An event-loop thread never
 * waits (it would stall every connection on that loop): a call over the limit fails there at once.
 *
 * <p>Thread-safe.
 */
final class ServiceBulkhead {
  private final Bulkhead bulkhead;
  private final BooleanSupplier mayBlock;
  private final long maxWaitNanos;
  private final String limitText;
  private final String waitedText;
  private final String onLoopText;
  private final AtomicInteger waiters = new AtomicInteger();
  private final Object released = new Object();

  private ServiceBulkhead(Bulkhead bulkhead, int max, Duration maxWait, BooleanSupplier mayBlock) {
    this.bulkhead = bulkhead;
    this.mayBlock = mayBlock;
    this.maxWaitNanos = maxWait.toNanos();
    String full =
        "bulkhead full: " + max + " calls in flight (bulkhead.max-concurrent-calls " + max;
    String maxWaitText = Durations.format(maxWait);
    this.limitText = full + ")";
    this.waitedText = full + ", waited bulkhead.max-wait " + maxWaitText + ")";
    this.onLoopText =
        full
            + "; bulkhead.max-wait "
            + maxWaitText
            + " not waited: the caller is an event-loop thread)";
  }

  /**
   * The bulkhead of {@code service}, registered in {@code bulkheads} under the service's name and
   * tag; null when {@code config} sets none.
   *
   * @param mayBlock whether the calling thread may wait (false on an event loop)
   */
  static @Nullable ServiceBulkhead of(
      String service,
      HttpServiceConfig config,
      BulkheadRegistry bulkheads,
      BooleanSupplier mayBlock) {
    int max = config.bulkheadMaxConcurrentCalls().orElse(0);
    if (max == 0) {
      return null;
    }
    Bulkhead bh =
        bulkheads.bulkhead(
            service,
            BulkheadConfig.custom()
                .maxConcurrentCalls(max)
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build(),
            Map.of("service", service));
    return new ServiceBulkhead(bh, max, config.bulkheadMaxWait(), mayBlock);
  }

  /** Resilience4j's bulkhead; for tests and diagnostics. */
  Bulkhead bulkhead() {
    return bulkhead;
  }

  /** Takes a place; returns null when taken, else why not. An acquirer must {@link #release}. */
  @Nullable String acquire() {
    Bulkhead bh = bulkhead;
    if (bh.tryAcquirePermission()) {
      return null;
    }
    if (maxWaitNanos == 0) {
      return limitText;
    }
    if (!mayBlock.getAsBoolean()) {
      return onLoopText;
    }
    // A real wait on the wall clock: a thread is parked, whatever the injected ticker says.
    long deadline = System.nanoTime() + maxWaitNanos;
    synchronized (released) {
      // Counted before the retry below, so that a release() after it sees a waiter to wake.
      waiters.incrementAndGet();
      try {
        while (true) {
          if (bh.tryAcquirePermission()) {
            return null;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return waitedText;
          }
          TimeUnit.NANOSECONDS.timedWait(released, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return waitedText + ", interrupted";
      } finally {
        waiters.decrementAndGet();
      }
    }
  }

  /** Frees a place taken by {@link #acquire} and wakes the callers waiting for one. */
  void release() {
    bulkhead.onComplete();
    if (waiters.get() > 0) {
      synchronized (released) {
        released.notifyAll();
      }
    }
  }
}
