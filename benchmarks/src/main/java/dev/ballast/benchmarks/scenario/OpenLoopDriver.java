package dev.ballast.benchmarks.scenario;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a fixed rate whatever the responses do (open loop), and records each latency
 * from the request's <em>scheduled</em> start, so a stall shows up in every request it delayed (no
 * coordinated omission). Bounded: {@code rate × duration} requests at most, at most {@link
 * #MAX_OUTSTANDING} in flight (a request that finds no slot counts as failed), and a bounded wait
 * for the stragglers.
 */
final class OpenLoopDriver {
  static final int MAX_OUTSTANDING = 2_000;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** What a run measured. */
  record Outcome(Histogram latencyMicros, long sent, long succeeded, long failed) {
    double successRate() {
      return sent == 0 ? Double.NaN : succeeded / (double) sent;
    }

    double percentileMillis(double p) {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(p) / 1000.0;
    }
  }

  private OpenLoopDriver() {}

  /**
   * Runs {@code request} at {@code ratePerSecond} for {@code duration}. The stage completes with
   * the HTTP status (2xx counts as success) or exceptionally (counts as failure).
   */
  static Outcome run(
      Supplier<CompletionStage<Integer>> request, int ratePerSecond, Duration duration) {
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    return run(request, ratePerSecond, duration, () -> periodNanos);
  }

  /**
   * Runs {@code request} with Poisson arrivals at a mean of {@code ratePerSecond} for {@code
   * duration}: exponential gaps drawn from a random source seeded with {@code seed}, so every rule
   * faces the same arrival sequence. Evenly spaced arrivals behind a round robin give each instance
   * a perfectly periodic stream, which never queues; independent clients do not behave so.
   */
  static Outcome runPoisson(
      Supplier<CompletionStage<Integer>> request, int ratePerSecond, Duration duration, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double meanGapNanos = TimeUnit.SECONDS.toNanos(1) / (double) ratePerSecond;
    return run(
        request,
        ratePerSecond,
        duration,
        () -> Math.round(-Math.log(1.0 - random.nextDouble()) * meanGapNanos));
  }

  private static Outcome run(
      Supplier<CompletionStage<Integer>> request,
      int ratePerSecond,
      Duration duration,
      LongSupplier nextGapNanos) {
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    Semaphore slots = new Semaphore(MAX_OUTSTANDING);
    // The count is fixed up front (rate × duration) whatever the gaps, so the run stays bounded.
    long total = Math.max(1, duration.toNanos() * ratePerSecond / TimeUnit.SECONDS.toNanos(1));
    long start = System.nanoTime();
    long sent = 0;
    long offset = 0;
    for (long i = 0; i < total; i++) {
      long scheduled = start + offset;
      offset += nextGapNanos.getAsLong();
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      sent++;
      if (!slots.tryAcquire()) {
        failed.increment();
        histogram.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        continue;
      }
      CompletionStage<Integer> stage;
      try {
        stage = request.get();
      } catch (RuntimeException e) {
        slots.release();
        failed.increment();
        continue;
      }
      stage.whenComplete(
          (status, error) -> {
            long micros = (System.nanoTime() - scheduled) / 1000;
            histogram.recordValue(
                Math.min(Math.max(0, micros), histogram.getHighestTrackableValue()));
            if (error == null && status != null && status >= 200 && status < 300) {
              ok.increment();
            } else {
              failed.increment();
            }
            slots.release();
          });
    }
    try {
      if (!slots.tryAcquire(MAX_OUTSTANDING, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        // Stragglers past the drain timeout count as failures.
        failed.add(MAX_OUTSTANDING - slots.availablePermits());
      } else {
        slots.release(MAX_OUTSTANDING);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(histogram.copy(), sent, ok.sum(), failed.sum());
  }
}
