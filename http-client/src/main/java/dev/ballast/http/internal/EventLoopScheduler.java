package dev.ballast.http.internal;

import dev.ballast.lb.Scheduler;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * lb-core's timer on the client's event loops, so health checks and ejection timers need no thread
 * of their own. Tasks are short and hand off to lb-core's control plane. A task scheduled while the
 * loops shut down is dropped: the load balancer is closed first anyway.
 */
final class EventLoopScheduler implements Scheduler {
  private final EventLoopGroup group;

  EventLoopScheduler(EventLoopGroup group) {
    this.group = group;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    try {
      ScheduledFuture<?> f = group.next().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> {};
    }
  }
}
