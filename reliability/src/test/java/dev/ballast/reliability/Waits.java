package dev.ballast.reliability;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Measurement windows of the scenarios. The scenarios run against real servers in real time: a
 * window is the span over which traffic is counted, not a wait for time-based logic to fire (those
 * waits use Awaitility).
 */
final class Waits {
  private Waits() {}

  /** Lets {@code window} of real traffic pass. */
  static void measure(Duration window) {
    long end = System.nanoTime() + window.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  /**
   * Waits until {@code calls} reports at least {@code count}: JIT compilation and connection set-up
   * done, on a shared machine where that can take seconds. At most 60 seconds.
   */
  static void warmUp(java.util.function.LongSupplier calls, long count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> calls.getAsLong() >= count);
  }

  /** Milliseconds. */
  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
