package dev.ballast.lb;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/** A fake {@link Ticker} and {@link Scheduler} in one: time moves only when a test advances it. */
public final class ManualClock implements Ticker, Scheduler {
  private long now = 1_000_000_000L;
  private long sequence;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));

  private static final class Task {
    final long due;
    final long seq;
    final Runnable runnable;
    boolean cancelled;

    Task(long due, long seq, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.runnable = runnable;
    }
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualClock.this) {
        t.cancelled = true;
      }
    };
  }

  /** Moves time forward, running every task that falls due, in order. */
  public void advance(long amount, TimeUnit unit) {
    long target;
    synchronized (this) {
      target = now + unit.toNanos(amount);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.due);
        if (next.cancelled) {
          continue;
        }
      }
      next.runnable.run();
    }
  }

  /** Pending (not cancelled) tasks. */
  public synchronized int pendingTasks() {
    int n = 0;
    for (Task t : tasks) {
      if (!t.cancelled) {
        n++;
      }
    }
    return n;
  }
}
