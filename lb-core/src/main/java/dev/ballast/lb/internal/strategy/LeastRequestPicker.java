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
  LeastRequestPicker(EndpointState[] endpoints, double[] weights, RandomSource random) {
    super(endpoints, weights, random);
  }

  /** {@code inFlight + 1}: divided by the weight, the reciprocal of the score. */
  @Override
  long load(EndpointState endpoint, long now) {
    return endpoint.inFlight() + 1L;
  }
}
