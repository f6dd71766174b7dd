package dev.ballast.benchmarks.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.jspecify.annotations.Nullable;

/**
 * A closed loop of blocking callers that live as long as the contender: each thread opens its own
 * per-thread state once, on itself, and reuses it in every segment. {@link ClosedLoop} starts new
 * threads per segment, which a connection owned by its thread (a Netty {@code ManualIoEventLoop})
 * cannot follow. Each segment is bounded in time and in count.
 */
final class PinnedCallers implements AutoCloseable {
  private static final long MAX_CALLS_PER_THREAD = 50_000_000L;
  private static final long BARRIER_SLACK_SECONDS = 60;

  /** One thread's caller: made on that thread, called and closed there only. */
  interface Caller extends AutoCloseable {
    /** One call; returns the HTTP status. */
    int get() throws Exception;

    @Override
    void close();
  }

  /** Makes a thread's caller; runs on that thread. */
  @FunctionalInterface
  interface Opener {
    Caller open() throws Exception;
  }

  private final CyclicBarrier start;
  private final CyclicBarrier end;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private volatile long deadline;
  private volatile boolean closing;
  private volatile ConcurrentHistogram histogram = newHistogram();
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();

  /** Starts {@code n} threads named {@code name}, each opening its caller with {@code opener}. */
  PinnedCallers(int n, String name, Opener opener) {
    start = new CyclicBarrier(n + 1);
    end = new CyclicBarrier(n + 1);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> loop(opener), name + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private static ConcurrentHistogram newHistogram() {
    return new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(30), 3);
  }

  private void loop(Opener opener) {
    try (Caller caller = opener.open()) {
      while (true) {
        await(start);
        if (closing) {
          return;
        }
        long stop = deadline;
        ConcurrentHistogram h = histogram;
        for (long k = 0; k < MAX_CALLS_PER_THREAD; k++) {
          long t0 = System.nanoTime();
          if (k > 0 && t0 >= stop) {
            break;
          }
          try {
            if (caller.get() != 200) {
              errors.increment();
            }
          } catch (Exception e) {
            errors.increment();
            failure.compareAndSet(null, e);
          }
          h.recordValue(Math.min((System.nanoTime() - t0) / 1000, h.getHighestTrackableValue()));
          calls.increment();
        }
        await(end);
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
      start.reset();
      end.reset();
    }
  }

  private static void await(CyclicBarrier b) throws Exception {
    b.await(BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
  }

  /** Runs every caller for {@code length}; adds the calls to {@code into}. */
  void segment(Duration length, ClosedLoop.Totals into) {
    calls.reset();
    errors.reset();
    ConcurrentHistogram h = newHistogram();
    histogram = h;
    long t0 = System.nanoTime();
    deadline = t0 + length.toNanos();
    try {
      start.await(BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
      end.await(length.toSeconds() + BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("a caller failed", failure.get() == null ? e : failure.get());
    }
    into.calls += calls.sum();
    into.errors += errors.sum();
    into.nanos += System.nanoTime() - t0;
    into.latencyMicros.add(h);
    if (into.firstError == null) {
      into.firstError = failure.get();
    }
  }

  /** Lets every thread close its caller and end; waits up to a minute. */
  @Override
  public void close() {
    closing = true;
    try {
      start.await(BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BrokenBarrierException | TimeoutException e) {
      // A caller already failed and left: the others are released by the reset.
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(BARRIER_SLACK_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
