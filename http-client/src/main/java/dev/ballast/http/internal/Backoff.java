package dev.ballast.http.internal;

import dev.ballast.lb.RandomSource;
import java.time.Duration;

/**
 * Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): the
 * n-th retry waits a uniform random time in {@code [0, min(cap, base × 2^(n-1)))}, with the cap at
 * 1 s or {@code base}, whichever is larger. Full jitter spreads the retries of many callers that
 * failed together. Thread-safe.
 */
final class Backoff {
  private static final long CAP_NANOS = Duration.ofSeconds(1).toNanos();

  private final long baseNanos;
  private final long capNanos;
  private final RandomSource random;

  Backoff(Duration base, RandomSource random) {
    this.baseNanos = base.toNanos();
    this.capNanos = Math.max(baseNanos, CAP_NANOS);
    this.random = random;
  }

  /** Delay before retry number {@code retry} (1 for the first retry), in nanoseconds. */
  long delayNanos(int retry) {
    if (baseNanos == 0) {
      return 0;
    }
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long ceiling =
        baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
    return (long) (random.nextDouble() * ceiling);
  }
}
