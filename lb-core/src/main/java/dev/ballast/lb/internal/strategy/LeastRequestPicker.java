package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code least-request}: power of two choices on in-flight calls, weighted — of two distinct random
 * endpoints, the one with the higher {@code weight / (inFlight + 1)} wins. The {@code + 1} counts
 * the call being placed, so an idle heavy endpoint beats an idle light one.
 *
 * <p>Thread-safe and lock-free; reads two volatile counters per pick.
 */
final class LeastRequestPicker extends PowerOfTwoChoicesPicker {
  private final double[] inverseWeight;

  LeastRequestPicker(EndpointState[] endpoints, double[] weights, RandomSource random) {
    super(endpoints, random);
    this.inverseWeight = inverse(weights);
  }

  /** {@code (inFlight + 1) / weight}: the reciprocal of the score, so lower is better. */
  @Override
  double cost(int index) {
    return (endpoints[index].inFlight() + 1) * inverseWeight[index];
  }
}
