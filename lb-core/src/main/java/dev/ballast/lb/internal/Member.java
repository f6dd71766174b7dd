package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Control-plane bookkeeping of one endpoint: health verdicts, ejection, slow-start ramp. Only
 * touched on the {@link ControlPlane}; the hot statistics live in {@link #stats}.
 */
final class Member {
  final EndpointState stats;
  boolean healthy = true;
  int probePasses;
  int probeFailures;
  long probeGeneration;
  Scheduler.@Nullable Cancellable probeTask;
  boolean ejected;
  long ejectedUntilNanos;
  int timesEjected;

  /** When the last ejection ended (ticker nanos); the multiplier decays from there. */
  long unejectedAtNanos;

  Scheduler.@Nullable Cancellable ejectionTask;

  /** Start of the slow-start ramp; {@link SlowStart#NOT_RAMPING} when not ramping. */
  long rampStartNanos = SlowStart.NOT_RAMPING;

  Member(EndpointState stats) {
    this.stats = stats;
  }

  Endpoint endpoint() {
    return stats.endpoint();
  }

  boolean usable() {
    return healthy && !ejected;
  }

  EndpointStatus.State state() {
    if (ejected) {
      return EndpointStatus.State.EJECTED;
    }
    return healthy ? EndpointStatus.State.HEALTHY : EndpointStatus.State.UNHEALTHY;
  }

  void cancelTasks() {
    if (probeTask != null) {
      probeTask.cancel();
      probeTask = null;
    }
    if (ejectionTask != null) {
      ejectionTask.cancel();
      ejectionTask = null;
    }
    probeGeneration++;
  }
}
