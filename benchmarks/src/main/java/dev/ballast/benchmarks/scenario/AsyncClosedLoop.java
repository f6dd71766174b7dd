package dev.ballast.benchmarks.scenario;

import dev.ballast.http.ServiceResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.jspecify.annotations.Nullable;

/**
 * A closed loop without caller threads: each lane keeps one request in flight and sends the next
 * from the completion of the previous one (on whatever thread completes it, an event loop for
 * Netty-based clients), for a fixed time and at most {@value #MAX_CALLS_PER_LANE} calls per lane. A
 * status other than 200 counts as an error; more than 1 % of errors fails the run.
 */
final class AsyncClosedLoop {
  private static final long MAX_CALLS_PER_LANE = 50_000_000L;

  /** One lane's call: a future of the response (an {@code Integer} status or a response). */
  @FunctionalInterface
  interface Lane {
    CompletableFuture<?> call();
  }

  private AsyncClosedLoop() {}

  /** Runs {@code lanes} for {@code length}; adds to {@code into} when not null. */
  static void run(List<Lane> lanes, Duration length, ClosedLoop.@Nullable Totals into) {
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(30), 3);
    LongAdder calls = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(lanes.size());
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    for (Lane lane : lanes) {
      new Runner(lane, deadline, histogram, calls, errors, firstError, done).next();
    }
    try {
      if (!done.await(length.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("lanes did not finish within " + length.plusSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long elapsed = System.nanoTime() - start;
    Throwable error = firstError.get();
    if (error != null && errors.sum() * 100 > calls.sum()) {
      throw new IllegalStateException(
          errors.sum() + " of " + calls.sum() + " calls failed (more than 1 %)", error);
    }
    if (into != null) {
      into.calls += calls.sum();
      into.errors += errors.sum();
      into.nanos += elapsed;
      into.latencyMicros.add(histogram);
      if (into.firstError == null) {
        into.firstError = error;
      }
    }
  }

  private static final class Runner {
    private final Lane lane;
    private final long deadline;
    private final ConcurrentHistogram histogram;
    private final LongAdder calls;
    private final LongAdder errors;
    private final AtomicReference<@Nullable Throwable> firstError;
    private final CountDownLatch done;
    private long count;

    Runner(
        Lane lane,
        long deadline,
        ConcurrentHistogram histogram,
        LongAdder calls,
        LongAdder errors,
        AtomicReference<@Nullable Throwable> firstError,
        CountDownLatch done) {
      this.lane = lane;
      this.deadline = deadline;
      this.histogram = histogram;
      this.calls = calls;
      this.errors = errors;
      this.firstError = firstError;
      this.done = done;
    }

    void next() {
      long t0 = System.nanoTime();
      // Every lane makes one call at least, as in ClosedLoop.
      if ((count > 0 && t0 >= deadline) || count >= MAX_CALLS_PER_LANE) {
        done.countDown();
        return;
      }
      count++;
      CompletableFuture<?> f;
      try {
        f = lane.call();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      // A future already complete would run the next call on this stack: hand it off instead,
      // so a burst of immediate failures cannot overflow the stack.
      boolean inline = !f.isDone();
      f.whenComplete(
          (result, error) -> {
            histogram.recordValue(
                Math.min((System.nanoTime() - t0) / 1000, histogram.getHighestTrackableValue()));
            calls.increment();
            if (error != null) {
              errors.increment();
              firstError.compareAndSet(null, error);
            } else if (status(result) != 200) {
              errors.increment();
            }
            if (inline) {
              next();
            } else {
              ForkJoinPool.commonPool().execute(this::next);
            }
          });
    }

    private static int status(@Nullable Object result) {
      if (result instanceof Integer) {
        return (Integer) result;
      }
      if (result instanceof ServiceResponse) {
        return ((ServiceResponse) result).statusCode();
      }
      return -1;
    }
  }
}
