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
 * <p>Thread-safe and lock-free; reads the (coarse) clock once per pick and the hot fields of each
 * candidate (one cache line each). Costs are integers (nanoseconds × calls, saturating) and are
 * compared as such when the weights are equal.
 */
final class PeakEwmaPicker extends PowerOfTwoChoicesPicker {
  private final long penaltyNanos;

  /** Reads the clock every endpoint of a balancer stamps its samples with. */
  private final EndpointState clock;

  PeakEwmaPicker(
      EndpointState[] endpoints, double[] weights, RandomSource random, long penaltyNanos) {
    super(endpoints, weights, random);
    this.penaltyNanos = penaltyNanos;
    this.clock = endpoints[0];
  }

  @Override
  long now() {
    return clock.nowNanos();
  }

  @Override
  long load(EndpointState endpoint, long now) {
    int inFlight = endpoint.inFlight();
    // The estimate decayed by idle time: an endpoint that got no calls lately grows cheaper until
    // it is tried again, so two equal endpoints alternate instead of one taking every call.
    long ewma = endpoint.estimateNanos(now, inFlight);
    if (ewma == 0) {
      if (inFlight <= 0) {
        return 0;
      }
      ewma = penaltyNanos;
    }
    return saturatedMultiply(ewma, inFlight + 1L);
  }
}
