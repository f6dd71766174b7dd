package dev.ballast.discovery.kubernetes;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Doubling delays between attempts to reach the API server, capped, each shortened by up to a fifth
 * at random so that the clients of a restarted API server do not all come back in the same instant.
 * Not thread-safe: used from the watch's own thread only.
 */
final class Backoff {
  private final long firstNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int attempts;

  /**
   * @param random uniform in [0, 1); injected so that tests can fix it
   */
  Backoff(Duration first, Duration max, DoubleSupplier random) {
    this.firstNanos = first.toNanos();
    this.maxNanos = Math.max(first.toNanos(), max.toNanos());
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one failed attempt. */
  Duration next() {
    long base = firstNanos;
    for (int i = 0; i < attempts && base < maxNanos; i++) {
      base *= 2;
    }
    base = Math.min(base, maxNanos);
    attempts++;
    long jitter = (long) (base * 0.2 * random.getAsDouble());
    return Duration.ofNanos(base - jitter);
  }

  /** Back to the first delay, after a success. */
  void reset() {
    attempts = 0;
  }
}
