package dev.ballast.lb.internal;

import dev.ballast.lb.HealthProbe;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Scheduler;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Active health checking: probes every member on a jittered interval with the transport's {@link
 * HealthProbe}, bounds each probe by the configured timeout, and changes a member's health after
 * {@code healthy-threshold} passes or {@code unhealthy-threshold} failures in a row. Without a
 * probe it does nothing and every member stays healthy.
 *
 * <p>Probes are started by timers and answered on any thread; every result is handed to the control
 * plane, where the member's state changes. A generation number per member makes a timeout and a
 * late answer count once, and drops results for members that left.
 */
final class ActiveHealthCheck {
  /** Told on the control plane when a member's health changes. */
  interface Listener {
    void onHealthChanged(Member m, boolean healthy);
  }

  private final LbConfig config;
  private final @Nullable HealthProbe probe;
  private final Scheduler scheduler;
  private final ControlPlane control;
  private final RandomSource random;
  private final Membership membership;
  private final Listener listener;
  private boolean closed;

  ActiveHealthCheck(
      LbConfig config,
      @Nullable HealthProbe probe,
      Scheduler scheduler,
      ControlPlane control,
      RandomSource random,
      Membership membership,
      Listener listener) {
    this.config = config;
    this.probe = probe;
    this.scheduler = scheduler;
    this.control = control;
    this.random = random;
    this.membership = membership;
    this.listener = listener;
  }

  /** Starts probing a new member, after a random part of the first interval. */
  void start(Member m) {
    // Spread the first round so a large set does not probe in one burst.
    long interval = config.healthCheckInterval().toNanos();
    schedule(m, (long) (interval * config.healthCheckJitter() * random.nextDouble()));
  }

  /** Stops scheduling probes; probes in flight are ignored when they answer. */
  void close() {
    closed = true;
  }

  private long nextDelay() {
    long interval = config.healthCheckInterval().toNanos();
    return interval + (long) (interval * config.healthCheckJitter() * random.nextDouble());
  }

  private void schedule(Member m, long delayNanos) {
    HealthProbe p = probe;
    if (p == null || closed) {
      return;
    }
    long generation = ++m.probeGeneration;
    m.probeTask =
        scheduler.schedule(() -> control.execute(() -> run(m, p, generation)), delayNanos);
  }

  private void run(Member m, HealthProbe p, long generation) {
    if (closed || m.probeGeneration != generation || !membership.isCurrent(m)) {
      return;
    }
    long probeGeneration = ++m.probeGeneration;
    Scheduler.Cancellable timeout =
        scheduler.schedule(
            () -> control.execute(() -> onResult(m, probeGeneration, false)),
            config.healthCheckTimeout().toNanos());
    CompletionStage<Boolean> result;
    try {
      result = p.probe(m.endpoint());
    } catch (RuntimeException e) {
      timeout.cancel();
      onResult(m, probeGeneration, false);
      return;
    }
    result.whenComplete(
        (ok, error) -> {
          timeout.cancel();
          boolean passed = error == null && Boolean.TRUE.equals(ok);
          control.execute(() -> onResult(m, probeGeneration, passed));
        });
  }

  private void onResult(Member m, long generation, boolean passed) {
    control.assertInContext();
    if (closed || m.probeGeneration != generation || !membership.isCurrent(m)) {
      return; // a timeout and a late answer: only the first counts
    }
    if (passed) {
      m.probeFailures = 0;
      m.probePasses++;
      if (!m.healthy && m.probePasses >= config.healthyThreshold()) {
        m.healthy = true;
        listener.onHealthChanged(m, true);
      }
    } else {
      m.probePasses = 0;
      m.probeFailures++;
      if (m.healthy && m.probeFailures >= config.unhealthyThreshold()) {
        m.healthy = false;
        listener.onHealthChanged(m, false);
      }
    }
    schedule(m, nextDelay());
  }
}
