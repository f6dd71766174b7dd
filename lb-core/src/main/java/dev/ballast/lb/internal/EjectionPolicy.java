package dev.ballast.lb.internal;

import dev.ballast.lb.LbConfig;
import java.time.Duration;

/**
 * The arithmetic of passive outlier ejection, Envoy's: how long an ejection lasts, how the
 * multiplier behind it decays, and how many endpoints may be out at once. Immutable and pure; the
 * balancer keeps the per-endpoint state and the timers.
 */
final class EjectionPolicy {
  private final Duration base;
  private final Duration max;
  private final int maxPercent;

  EjectionPolicy(Duration base, Duration max, int maxPercent) {
    this.base = base;
    this.max = max;
    this.maxPercent = maxPercent;
  }

  static EjectionPolicy of(LbConfig config) {
    return new EjectionPolicy(
        config.outlierBaseEjectionTime(),
        config.outlierMaxEjectionTime(),
        config.outlierMaxEjectionPercent());
  }

  /** The length of an ejection with multiplier {@code times}: base × times, capped at max. */
  Duration duration(int times) {
    Duration d = base.multipliedBy(Math.max(1, times));
    return d.compareTo(max) > 0 ? max : d;
  }

  /**
   * The multiplier after the good health since the last ejection ended at {@code unejectedAtNanos}:
   * one step down per base ejection time, as Envoy decrements it. Without the decay an endpoint
   * ejected ten times over a week would be ejected for the maximum time at its next blip. Computed
   * when needed rather than by a timer: the result is the same and an idle fleet schedules nothing.
   */
  int decayed(int times, long unejectedAtNanos, long now) {
    if (times == 0) {
      return 0;
    }
    long baseNanos = base.toNanos();
    long steps = baseNanos <= 0 ? times : (now - unejectedAtNanos) / baseNanos;
    return (int) Math.max(0, times - steps);
  }

  /**
   * Whether one more of {@code members} endpoints may be ejected while {@code ejected} already are.
   * At least one always may (else small sets could never eject), never more than the configured
   * percentage of the set beyond that, none when the percentage is 0.
   */
  boolean mayEjectAnother(int ejected, int members) {
    int allowed = maxPercent == 0 ? 0 : Math.max(1, members * maxPercent / 100);
    return ejected + 1 <= allowed;
  }
}
