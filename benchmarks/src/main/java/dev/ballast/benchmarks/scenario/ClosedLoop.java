package dev.ballast.benchmarks.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Runs one operation in a closed loop on a few threads for a fixed time, bounded also in count, and
 * adds calls, errors, elapsed time, latencies (µs) and the bytes its threads allocated to a {@link
 * Totals}. More than 1 % of failed calls fails the run with the first error as cause.
 */
final class ClosedLoop {
  private static final long MAX_CALLS_PER_THREAD = 50_000_000L;

  /** One thread's operation. */
  @FunctionalInterface
  interface Op {
    /** One call; throws on failure. */
    void call() throws Exception;
  }

  /** Sums over the measured segments of one contender. */
  static final class Totals {
    final Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    long calls;
    long errors;
    long nanos;

    /** Bytes allocated by the loop's own threads (caller side: the contender's code and driver). */
    long callerBytes;

    @Nullable Throwable firstError;

    double throughput() {
      return nanos == 0 ? Double.NaN : calls / (nanos / 1e9);
    }

    double percentileMicros(double p) {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(p);
    }

    /** Bytes the calling threads allocated per call. */
    double bytesPerCall() {
      return calls == 0 ? Double.NaN : (double) callerBytes / calls;
    }
  }

  private ClosedLoop() {}

  /**
   * Runs {@code ops} (one per thread) for {@code length}; adds to {@code into} when not null. With
   * {@code strict}, more than 1 % of failed calls throws; otherwise failures are only counted.
   */
  static void run(List<Op> ops, Duration length, @Nullable Totals into, boolean strict) {
    int n = ops.size();
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(30), 3);
    LongAdder calls = new LongAdder();
    LongAdder errors = new LongAdder();
    LongAdder bytes = new LongAdder();
    AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    long[] deadline = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (Op op : ops) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  long end = deadline[0];
                  long allocatedAtStart = Allocations.currentThread();
                  for (long k = 0; k < MAX_CALLS_PER_THREAD; k++) {
                    long t0 = System.nanoTime();
                    // Every thread makes one call at least: on a loaded machine a thread can
                    // first run after a short deadline, and a loop of no calls measures nothing.
                    if (k > 0 && t0 >= end) {
                      break;
                    }
                    try {
                      op.call();
                    } catch (Exception e) {
                      errors.increment();
                      firstError.compareAndSet(null, e);
                    }
                    histogram.recordValue(
                        Math.min(
                            (System.nanoTime() - t0) / 1000, histogram.getHighestTrackableValue()));
                    calls.increment();
                  }
                  bytes.add(Allocations.currentThread() - allocatedAtStart);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "bench-loop");
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long start = System.nanoTime();
    deadline[0] = start + length.toNanos();
    go.countDown();
    try {
      if (!done.await(length.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("loop did not finish within " + length.plusSeconds(30));
      }
      for (Thread t : threads) {
        t.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long elapsed = System.nanoTime() - start;
    Throwable error = firstError.get();
    if (strict && error != null && errors.sum() * 100 > calls.sum()) {
      throw new IllegalStateException(
          errors.sum() + " of " + calls.sum() + " calls failed (more than 1 %)", error);
    }
    if (into != null) {
      into.calls += calls.sum();
      into.errors += errors.sum();
      into.nanos += elapsed;
      into.callerBytes += bytes.sum();
      into.latencyMicros.add(histogram);
      if (into.firstError == null) {
        into.firstError = error;
      }
    }
  }
}
