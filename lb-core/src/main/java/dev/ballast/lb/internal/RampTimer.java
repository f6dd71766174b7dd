package dev.ballast.lb.internal;

import dev.ballast.lb.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Slow start over time: starts a member's ramp when it joins or comes back, and while any member
 * ramps, asks for a picker rebuild every {@link SlowStart#stepNanos()} so its weight follows the
 * ramp. One timer at a time, whatever the number of ramping members. Control plane only.
 */
final class RampTimer {
  private final SlowStart slowStart;
  private final Scheduler scheduler;
  private final ControlPlane control;
  private final Runnable rebuild;
  private Scheduler.@Nullable Cancellable task;
  private boolean closed;

  RampTimer(SlowStart slowStart, Scheduler scheduler, ControlPlane control, Runnable rebuild) {
    this.slowStart = slowStart;
    this.scheduler = scheduler;
    this.control = control;
    this.rebuild = rebuild;
  }

  /** Starts {@code m}'s ramp at {@code now}, if slow start is configured. */
  void start(Member m, long now) {
    if (!slowStart.enabled()) {
      return;
    }
    m.rampStartNanos = now;
    scheduleStep();
  }

  /** Asks for one rebuild a step from now, unless one is already due. */
  void scheduleStep() {
    if (task != null || closed) {
      return;
    }
    task =
        scheduler.schedule(
            () ->
                control.execute(
                    () -> {
                      task = null;
                      rebuild.run();
                    }),
            slowStart.stepNanos());
  }

  /** Cancels the pending step; no further steps. */
  void close() {
    closed = true;
    Scheduler.Cancellable t = task;
    if (t != null) {
      t.cancel();
    }
    task = null;
  }
}
