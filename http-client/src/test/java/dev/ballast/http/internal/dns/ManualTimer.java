package dev.ballast.http.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Scheduler;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A timer whose tasks run only when the test says: time is driven, not waited for. The discovery
 * schedules from the DNS loop, so {@link #next()} waits (bounded) for the schedule call itself.
 */
final class ManualTimer implements Scheduler {
  /** One scheduled task and the delay it asked for. */
  record Task(Runnable task, long delayNanos, AtomicBoolean cancelled) {
    Duration delay() {
      return Duration.ofNanos(delayNanos);
    }

    /** Runs it as if its delay had passed. */
    void fire() {
      assertThat(cancelled.get()).as("fired a cancelled task").isFalse();
      task.run();
    }
  }

  private final BlockingQueue<Task> scheduled = new LinkedBlockingQueue<>();

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    AtomicBoolean cancelled = new AtomicBoolean();
    scheduled.add(new Task(task, delayNanos, cancelled));
    return () -> cancelled.set(true);
  }

  /** The next task scheduled, waiting up to 10 s for it. */
  Task next() throws InterruptedException {
    Task t = scheduled.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("a re-resolution was scheduled").isNotNull();
    return t;
  }

  /** Whether nothing more was scheduled. */
  boolean idle() {
    return scheduled.isEmpty();
  }
}
