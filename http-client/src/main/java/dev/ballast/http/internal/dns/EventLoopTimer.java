package dev.ballast.http.internal.dns;

import dev.ballast.lb.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** Re-resolutions timed on the DNS loop itself: no thread beyond the loop. */
final class EventLoopTimer implements Scheduler {
  private final EventLoop loop;

  EventLoopTimer(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    try {
      ScheduledFuture<?> f = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down: the discovery is closing.
      return () -> {};
    }
  }
}
