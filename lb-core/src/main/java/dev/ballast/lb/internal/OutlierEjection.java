package dev.ballast.lb.internal;

import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Scheduler;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Passive outlier ejection, Envoy's: a member whose calls fail {@code consecutive-failures} times
 * in a row is taken out for {@link EjectionPolicy#duration}, unless too many are out already, and
 * comes back by itself when the time is up (then slow start ramps it up again). It wraps whatever
 * strategy balances the rest, as gRPC's outlier detection wraps its child policy.
 *
 * <p>Failure streaks are counted lock-free on {@link EndpointState}; the ejection itself and its
 * timer run on the control plane. Why not a Resilience4j breaker: see the design notes (a
 * consecutive-failure trigger, a growing capped ejection time and a cap over the whole set).
 */
final class OutlierEjection {
  /** Told on the control plane when a member goes out or comes back. */
  interface Listener {
    void onEjected(Member m, Duration time);

    void onRestored(Member m);
  }

  private final int failureThreshold;
  private final EjectionPolicy policy;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final ControlPlane control;
  private final Membership membership;
  private final Listener listener;
  private final LongAdder ejections = new LongAdder();
  private boolean closed;

  OutlierEjection(
      LbConfig config,
      Ticker ticker,
      Scheduler scheduler,
      ControlPlane control,
      Membership membership,
      Listener listener) {
    this.failureThreshold = config.outlierConsecutiveFailures();
    this.policy = EjectionPolicy.of(config);
    this.ticker = ticker;
    this.scheduler = scheduler;
    this.control = control;
    this.membership = membership;
    this.listener = listener;
  }

  /** The consecutive failures that trigger an ejection; 0 = never. */
  int failureThreshold() {
    return failureThreshold;
  }

  /** How long the ejection of {@code m} lasts at its current multiplier. */
  Duration duration(Member m) {
    return policy.duration(m.timesEjected);
  }

  /** Ejections so far; any thread. */
  long ejections() {
    return ejections.sum();
  }

  /** Any thread: {@code state} reached a multiple of the threshold; ejects it if still due. */
  void onConsecutiveFailures(EndpointState state) {
    control.execute(() -> maybeEject(state));
  }

  /** Stops ejecting and restoring; timers are cancelled with the members. */
  void close() {
    closed = true;
  }

  private void maybeEject(EndpointState state) {
    control.assertInContext();
    Member m = membership.get(state.endpoint().id());
    if (closed || m == null || m.stats != state || m.ejected) {
      return;
    }
    if (state.consecutiveFailures() < failureThreshold) {
      return; // a success arrived in between
    }
    if (!policy.mayEjectAnother(membership.ejectedCount(), membership.size())) {
      return;
    }
    long now = ticker.nanoTime();
    m.ejected = true;
    m.timesEjected = policy.decayed(m.timesEjected, m.unejectedAtNanos, now) + 1;
    Duration time = policy.duration(m.timesEjected);
    m.ejectedUntilNanos = now + time.toNanos();
    ejections.increment();
    m.ejectionTask = scheduler.schedule(() -> control.execute(() -> restore(m)), time.toNanos());
    listener.onEjected(m, time);
  }

  private void restore(Member m) {
    control.assertInContext();
    if (closed || !membership.isCurrent(m) || !m.ejected) {
      return;
    }
    m.ejected = false;
    m.ejectionTask = null;
    m.unejectedAtNanos = ticker.nanoTime();
    m.stats.resetFailures();
    listener.onRestored(m);
  }
}
