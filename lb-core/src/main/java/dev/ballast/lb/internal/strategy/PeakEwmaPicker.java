package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code peak-ewma}: power of two choices on {@code cost = ewma × (inFlight + 1) / weight}, where
 * {@code ewma} is the endpoint's peak-EWMA latency decayed by idle time ({@link
 * EndpointState#estimateNanos}; failures enter it as slow samples, so an endpoint that fails fast
 * does not look fast).
 *
 * <p>An endpoint without samples yet (a new one) costs 0 while idle, so it is probed at once, but
 * {@code penalty × (inFlight + 1)} while its first calls are outstanding, so it is not flooded
 * before anything is known about it.
 *
 * <p>Thread-safe and lock-free; reads five volatiles (one cache line) and the (coarse) clock per
 * candidate.
 */
final class PeakEwmaPicker extends PowerOfTwoChoicesPicker {
  private final double[] inverseWeight;
  private final long penaltyNanos;

  PeakEwmaPicker(
      EndpointState[] endpoints, double[] weights, RandomSource random, long penaltyNanos) {
    super(endpoints, random);
    this.inverseWeight = inverse(weights);
    this.penaltyNanos = penaltyNanos;
  }

  @Override
  double cost(int index) {
    EndpointState state = endpoints[index];
    int inFlight = state.inFlight();
    // The estimate decayed by idle time: an endpoint that got no calls lately grows cheaper until
    // it is tried again, so two equal endpoints alternate instead of one taking every call.
    long ewma = state.estimateNanos(state.nowNanos());
    if (ewma == 0) {
      if (inFlight <= 0) {
        return 0;
      }
      ewma = penaltyNanos;
    }
    return (double) ewma * (inFlight + 1) * inverseWeight[index];
  }
}
