package dev.ballast.lb.internal;

import dev.ballast.lb.LbConfig;
import java.time.Duration;

/**
 * Slow start (Envoy's ramp): the weight factor of an endpoint that joined or came back, {@code
 * max(minFraction, (t / window)^(1 / aggression))} until the window has passed, then 1. Immutable
 * and pure; the balancer keeps each endpoint's ramp start and rebuilds its picker every {@link
 * #stepNanos()} while any endpoint ramps.
 */
final class SlowStart {
  /** The ramp start of an endpoint that is not ramping. */
  static final long NOT_RAMPING = Long.MIN_VALUE;

  private final long windowNanos;
  private final double inverseAggression;
  private final double minFraction;

  SlowStart(Duration window, double aggression, double minFraction) {
    this.windowNanos = window.toNanos();
    this.inverseAggression = 1.0 / aggression;
    this.minFraction = minFraction;
  }

  static SlowStart of(LbConfig config) {
    return new SlowStart(
        config.slowStartWindow(),
        config.slowStartAggression(),
        config.slowStartMinWeightFraction());
  }

  /** Whether a window is configured at all. */
  boolean enabled() {
    return windowNanos > 0;
  }

  /** The weight factor at {@code now} of an endpoint whose ramp began at {@code startNanos}. */
  double factor(long startNanos, long now) {
    if (startNanos == NOT_RAMPING || windowNanos <= 0) {
      return 1.0;
    }
    long elapsed = now - startNanos;
    if (elapsed >= windowNanos) {
      return 1.0;
    }
    double t = Math.max(0, elapsed) / (double) windowNanos;
    return Math.max(minFraction, Math.pow(t, inverseAggression));
  }

  /**
   * How often the picker is rebuilt while an endpoint ramps: twenty steps per window, smooth enough
   * for traffic and cheap for the control plane, never more often than every 10 ms.
   */
  long stepNanos() {
    return Math.max(Duration.ofMillis(10).toNanos(), windowNanos / 20);
  }
}
