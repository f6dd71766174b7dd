package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import org.jspecify.annotations.Nullable;

/**
 * The power-of-two-choices rule, apart from any load metric: draw two <em>distinct</em> endpoints
 * uniformly at random and take the one with the lower {@link #load} per unit of weight. Subclasses
 * supply only the metric (Finagle keeps the choice rule and the load metric apart in the same way).
 *
 * <p>Distinct draws matter with few endpoints: two independent draws (Envoy's default) pick the
 * same endpoint twice — and so, with two endpoints, the busier one — 25 % of the time. With
 * distinct draws the busier of two endpoints is never chosen while the other is cheaper.
 *
 * <p>Thread-safe and lock-free: loads are read racily from the live {@link EndpointState} counters,
 * which is what P2C is designed for — a slightly stale load still avoids the worst endpoint
 * (maximum load stays within {@code O(ln ln n)} of the mean). Ties go to the first draw, itself
 * uniformly random.
 */
abstract class PowerOfTwoChoicesPicker implements ChildPicker {
  final EndpointState[] endpoints;
  private final RandomSource random;

  /** {@code 1 / weight} per endpoint; null when all weights are equal (the common case). */
  private final double @Nullable [] inverseWeight;

  PowerOfTwoChoicesPicker(EndpointState[] endpoints, double[] weights, RandomSource random) {
    this.endpoints = endpoints;
    this.random = random;
    this.inverseWeight = allEqual(weights) ? null : inverse(weights);
  }

  @Override
  public final EndpointState pick(PickContext context) {
    EndpointState[] es = endpoints;
    int n = es.length;
    if (n == 1) {
      return es[0];
    }
    // One 64-bit draw gives both candidates: each half scaled to its range by a multiply and a
    // shift (no division; the bias is below n / 2^32). The second is drawn from the n - 1 others
    // and skips over the first: distinct without a retry loop.
    long r = random.nextLong();
    int first = (int) (((r >>> 32) * n) >>> 32);
    int second = (int) (((r & 0xFFFF_FFFFL) * (n - 1)) >>> 32);
    if (second >= first) {
      second++;
    }
    long now = now();
    long firstLoad = load(es[first], now);
    long secondLoad = load(es[second], now);
    double[] inverse = inverseWeight;
    // Equal weights compare the integer loads as they are: no conversion to floating point on the
    // path of nearly every pick. Select the index, then load once: a conditional move rather than
    // a branch the CPU would mispredict half the time.
    boolean secondCheaper =
        inverse == null
            ? secondLoad < firstLoad
            : secondLoad * inverse[second] < firstLoad * inverse[first];
    return es[secondCheaper ? second : first];
  }

  /**
   * The load of {@code endpoint} as this strategy measures it, before weighting; lower is better,
   * never negative. Called twice per pick with the same {@code now}: must take no lock and allocate
   * nothing.
   */
  abstract long load(EndpointState endpoint, long now);

  /** The time {@link #load} is read at, once per pick; 0 for metrics that do not age. */
  long now() {
    return 0;
  }

  /** {@code a × b}, clamped to the range of {@code long} where the product overflows. */
  static long saturatedMultiply(long a, long b) {
    long low = a * b;
    long high = Math.multiplyHigh(a, b);
    if (high == (low >> 63)) {
      return low;
    }
    return high < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  private static boolean allEqual(double[] weights) {
    for (double w : weights) {
      if (w != weights[0]) {
        return false;
      }
    }
    return true;
  }

  /** {@code 1 / weight} per endpoint, so loads divide by weight with a multiplication. */
  private static double[] inverse(double[] weights) {
    double[] inverse = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      inverse[i] = 1.0 / weights[i];
    }
    return inverse;
  }
}
