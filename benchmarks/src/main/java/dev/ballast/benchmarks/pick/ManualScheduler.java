package dev.ballast.benchmarks.pick;

import dev.ballast.lb.Scheduler;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link Scheduler} whose timers fire only when {@link #runPending()} is called, whatever their
 * delay: lets one benchmark thread drive health-check rounds and other control-plane timers at a
 * chosen rate instead of the configured intervals.
 */
final class ManualScheduler implements Scheduler {
  private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    Task t = new Task(task);
    queue.add(t);
    return t;
  }

  /** Runs the tasks queued before this call (tasks they schedule wait for the next call). */
  void runPending() {
    int n = queue.size();
    for (int i = 0; i < n; i++) {
      Task t = queue.poll();
      if (t == null) {
        return;
      }
      if (!t.cancelled) {
        t.task.run();
      }
    }
  }

  private static final class Task implements Cancellable {
    final Runnable task;
    volatile boolean cancelled;

    Task(Runnable task) {
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
