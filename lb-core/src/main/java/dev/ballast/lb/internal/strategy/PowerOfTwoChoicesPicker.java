package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;

/**
 * The power-of-two-choices rule, apart from any load metric: draw two <em>distinct</em> endpoints
 * uniformly at random and take the one with the lower {@link #cost}. Subclasses supply only the
 * metric (Finagle keeps the choice rule and the load metric apart in the same way).
 *
 * <p>Distinct draws matter with few endpoints: two independent draws (Envoy's default) pick the
 * same endpoint twice — and so, with two endpoints, the busier one — 25 % of the time. With
 * distinct draws the busier of two endpoints is never chosen while the other is cheaper.
 *
 * <p>Thread-safe and lock-free: costs are read racily from the live {@link EndpointState} counters,
 * which is what P2C is designed for — a slightly stale load still avoids the worst endpoint
 * (maximum load stays within {@code O(ln ln n)} of the mean). Ties go to the first draw, itself
 * uniformly random.
 */
abstract class PowerOfTwoChoicesPicker implements ChildPicker {
  final EndpointState[] endpoints;
  private final RandomSource random;

  PowerOfTwoChoicesPicker(EndpointState[] endpoints, RandomSource random) {
    this.endpoints = endpoints;
    this.random = random;
  }

  @Override
  public final EndpointState pick(PickContext context) {
    int n = endpoints.length;
    if (n == 1) {
      return endpoints[0];
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
    // Select the index, then load once: a conditional move rather than a branch the CPU would
    // mispredict half the time.
    int chosen = cost(second) < cost(first) ? second : first;
    return endpoints[chosen];
  }

  /**
   * The load of endpoint {@code index} as this strategy measures it; lower is better, never
   * negative. Called on the pick path: must take no lock and allocate nothing.
   */
  abstract double cost(int index);

  /** {@code 1 / weight} per endpoint, so costs divide by weight with a multiplication. */
  static double[] inverse(double[] weights) {
    double[] inverse = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      inverse[i] = 1.0 / weights[i];
    }
    return inverse;
  }
}
