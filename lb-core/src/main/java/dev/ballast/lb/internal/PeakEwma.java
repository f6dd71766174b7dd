package dev.ballast.lb.internal;

/**
 * The arithmetic of the peak-EWMA latency estimate, apart from the lock-free fields that hold it
 * ({@link EndpointState}): pure functions of the last estimate, the new sample and the times
 * between them, so each rule is tested on its own ({@code PeakEwmaTest}).
 *
 * <p>A sample above the estimate replaces it (react at once to a slowdown); a lower one is blended
 * in with {@code w = exp(-Δt/τ)} over the time the call covered, so an endpoint that got faster
 * earns its traffic back over about τ. Between samples, while nothing is in flight, the estimate
 * decays towards 0 with τ_idle = τ / {@link #IDLE_DECAY_RATIO}, doubled per {@link
 * #MAX_IDLE_BACKOFF backoff} step.
 */
public final class PeakEwma {
  /**
   * How many times faster an idle endpoint's estimate decays than a busy one's is pulled down by
   * faster samples, at first: τ/80, 125 ms at the default τ of 10 s.
   *
   * <p>Why not τ itself, as Finagle and Linkerd decay it: a peak of k times the other endpoints'
   * latency (a cold first call, a GC pause, a descheduled thread on a loaded host) then keeps an
   * endpoint out for τ·ln(k) — 49 s for the 812 ms cold call measured against two equal 5 ms
   * instances, several seconds for an ordinary 4× outlier — and all that time the other endpoint
   * takes every call when callers do not overlap (issue 12 §3: 97–99 % to one of two equal
   * instances; the in-flight term that spreads load under concurrency is 0 for both). Peak-EWMA
   * keeps its caution where it has evidence: a busy endpoint is pulled down by faster samples over
   * τ of their time. An idle one has no evidence either way and is tried again after τ_idle·ln(k).
   * What that one call shows sets the next τ_idle ({@link #nextBackoff}).
   */
  public static final double IDLE_DECAY_RATIO = 80;

  /**
   * The most τ_idle may double: up to τ/80 × 64, 8 s at the default τ. A 10× slower endpoint is
   * then tried about once per 8 s × ln(its estimate ÷ the cost it must undercut), one slow call
   * each time, rather than every few hundred milliseconds forever.
   */
  public static final int MAX_IDLE_BACKOFF = 6;

  private static final double[] BACKOFF_SCALE = new double[MAX_IDLE_BACKOFF + 1];

  static {
    for (int i = 0; i <= MAX_IDLE_BACKOFF; i++) {
      BACKOFF_SCALE[i] = 1.0 / (1 << i);
    }
  }

  private PeakEwma() {}

  /** {@code 1/τ_idle} at backoff step {@code backoff} (0..{@link #MAX_IDLE_BACKOFF}). */
  static double idleDecayRate(double inverseIdleDecayNanos, int backoff) {
    return inverseIdleDecayNanos * BACKOFF_SCALE[backoff];
  }

  /**
   * {@code ewma} decayed over {@code idleNanos} at {@code rate} (1/τ): never 0 for a sampled
   * endpoint, since 0 means "unknown" to pickers, which treat it differently.
   */
  static long decayed(long ewma, long idleNanos, double rate) {
    return Math.max(1, (long) (ewma * decayWeight(idleNanos * rate)));
  }

  /**
   * The estimate after {@code sample}.
   *
   * @param base the estimate the sample starts from: the last one decayed by the idle time before
   *     the call started (what pickers saw when they chose it), as Finagle's read-then-observe does
   * @param busyNanos the time since the previous sample that the call covered; ≤ 0 within one tick
   *     of it, when the sample adds nothing (the decay follows time, not call count)
   * @param inverseDecayNanos {@code 1/τ}
   */
  static long next(long current, long base, long sample, long busyNanos, double inverseDecayNanos) {
    if (current == 0 || sample >= base) {
      return sample;
    }
    if (busyNanos <= 0) {
      return base;
    }
    double w = decayWeight(busyNanos * inverseDecayNanos);
    return (long) (base * w + sample * (1 - w));
  }

  /**
   * The τ_idle backoff step after a sample that followed idle time: did the call the idle decay
   * earned confirm the old estimate or refute it?
   *
   * <ul>
   *   <li>Refuted (the sample is under half the old estimate: its peak was an outlier): τ_idle
   *       starts again from τ/80.
   *   <li>Confirmed (the idle decay had at least halved the estimate, and the sample is at least
   *       twice what it had decayed to): two steps, τ_idle × 4, so a 10× slower endpoint reaches
   *       the longest τ_idle within three retries.
   *   <li>Otherwise unchanged: a retry that came before the estimate halved, or that answered near
   *       the decayed estimate, says nothing either way.
   * </ul>
   *
   * <p>Why so strict a confirmation: equal endpoints that take turns are retried with the estimate
   * just under the other's, and on a real host their samples jitter by 20–100 %; counted as
   * confirmations (a rule of "1.25× the decayed estimate" was tried), the jitter ratcheted τ_idle
   * up to 8 s and one of two equal instances took 300 of 300 calls ({@code
   * EqualInstancesShareTest}). Why two steps rather than one: with one, the backoff of a 10× slower
   * instance under load took five retries to reach its longest, and those retries alone were 0.1 %
   * of the calls (issue 12 §10). Under load the confirmation comes as it should since the cost
   * weighs calls in flight by a third ({@code PeakEwmaPicker}): the slow endpoint is retried only
   * once its estimate has fallen well below half.
   */
  static int nextBackoff(int backoff, long sample, long current, long base) {
    if (sample < current / 2) {
      return 0;
    }
    if (base <= current / 2 && sample >= 2 * base) {
      return Math.min(MAX_IDLE_BACKOFF, backoff + 2);
    }
    return backoff;
  }

  /**
   * {@code exp(-x)}. Between samples of a busy endpoint x is tiny (microseconds over τ = 10 s),
   * where the second-order Taylor form is exact to 1e-9 and several times cheaper than {@link
   * Math#exp}; the hot completion path takes that branch.
   */
  static double decayWeight(double x) {
    if (x < 1e-3) {
      return 1 - x + x * x * 0.5;
    }
    return Math.exp(-x);
  }
}
