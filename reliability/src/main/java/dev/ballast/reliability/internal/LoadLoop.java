package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Constant, bounded load: {@code workers} threads each run an {@link Operation} at a fixed pace
 * until {@link #stop(Duration)}, a per-worker operation count or a wall-clock limit, whichever
 * comes first.
 *
 * <p>Pacing is by schedule, not by sleep-after-work: worker {@code w} runs operation {@code k} no
 * earlier than {@code start + k × interval}. A worker that falls behind (a slow call) runs its next
 * operation at once but never more than one late operation in a row, so a stall does not turn into
 * a burst. Operations must handle their own expected failures; anything they throw is counted as an
 * unexpected error and kept (the first 20) for the report, and the worker goes on.
 *
 * <p>Thread-safe. Workers are daemon threads named {@code <name>-<w>}; {@link #stop(Duration)} and
 * {@link #close()} wait for them (bounded).
 */
public final class LoadLoop implements AutoCloseable {
  private static final int KEPT_ERRORS = 20;

  /** One unit of work; called repeatedly from one worker thread. */
  @FunctionalInterface
  public interface Operation {
    /**
     * Runs operation {@code sequence} (from 0) of worker {@code worker}.
     *
     * @throws Exception only for failures the scenario did not expect
     */
    void run(int worker, long sequence) throws Exception;
  }

  private final String name;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private volatile boolean stopping;

  private LoadLoop(String name) {
    this.name = name;
  }

  /**
   * Starts the loop.
   *
   * @param name thread name prefix
   * @param workers worker threads, 1..64
   * @param ratePerWorker operations per second per worker, 1..10 000
   * @param maxDuration wall-clock bound of the whole loop
   * @param maxPerWorker operation bound per worker
   * @param operation the work
   */
  public static LoadLoop start(
      String name,
      int workers,
      int ratePerWorker,
      Duration maxDuration,
      long maxPerWorker,
      Operation operation) {
    requireNonNull(name, "name");
    requireNonNull(maxDuration, "maxDuration");
    requireNonNull(operation, "operation");
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers: " + workers + " (expected: 1..64)");
    }
    if (ratePerWorker < 1 || ratePerWorker > 10_000) {
      throw new IllegalArgumentException(
          "ratePerWorker: " + ratePerWorker + " (expected: 1..10000 per second)");
    }
    if (maxPerWorker < 1) {
      throw new IllegalArgumentException("maxPerWorker: " + maxPerWorker + " (expected: >= 1)");
    }
    LoadLoop loop = new LoadLoop(name);
    long interval = TimeUnit.SECONDS.toNanos(1) / ratePerWorker;
    long start = System.nanoTime();
    long deadline = start + maxDuration.toNanos();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      // Stagger the workers across one interval so they do not fire in lock step.
      long offset = interval * w / workers;
      Thread t =
          new Thread(
              () -> loop.work(worker, start + offset, interval, deadline, maxPerWorker, operation),
              name + "-" + w);
      t.setDaemon(true);
      loop.threads.add(t);
    }
    loop.threads.forEach(Thread::start);
    return loop;
  }

  private void work(
      int worker, long first, long interval, long deadline, long max, Operation operation) {
    long next = first;
    for (long seq = 0; seq < max && !stopping; seq++) {
      long now = System.nanoTime();
      if (now >= deadline) {
        return;
      }
      if (next > now) {
        LockSupport.parkNanos(next - now);
        if (stopping || System.nanoTime() >= deadline) {
          return;
        }
      } else {
        next = now; // behind schedule: run now, but do not bank the missed slots
      }
      next += interval;
      try {
        operation.run(worker, seq);
      } catch (Exception | AssertionError e) {
        unexpected.incrementAndGet();
        if (errors.size() < KEPT_ERRORS) {
          errors.add(Thread.currentThread().getName() + ": " + e);
        }
      }
      operations.incrementAndGet();
    }
  }

  /** Operations completed so far (expected failures included). */
  public long operations() {
    return operations.get();
  }

  /** Operations that threw. */
  public long unexpectedErrors() {
    return unexpected.get();
  }

  /** The first few unexpected errors, one line each. */
  public List<String> errorSamples() {
    return List.copyOf(errors);
  }

  /** Whether every worker has ended. */
  public boolean isDone() {
    for (Thread t : threads) {
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Asks the workers to stop after their current operation and waits for them, at most {@code
   * timeout} in all.
   *
   * @return whether every worker ended in time
   */
  public boolean stop(Duration timeout) {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return isDone();
  }

  /** Waits for the workers to end by themselves (count or time bound), at most {@code timeout}. */
  public boolean awaitDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return isDone();
  }

  /** Stops the workers, waiting at most 30 seconds. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    return "LoadLoop[" + name + ", " + operations() + " operations]";
  }
}
