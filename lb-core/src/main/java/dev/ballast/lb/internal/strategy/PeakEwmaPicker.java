package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code peak-ewma}: power of two choices on {@code cost = ewma × (1 + inFlight / 3) / weight},
 * where {@code ewma} is the endpoint's peak-EWMA latency decayed by idle time ({@link
 * EndpointState#estimateNanos}; failures enter it as slow samples, so an endpoint that fails fast
 * does not look fast).
 *
 * <p>Why each call in flight adds a third of the estimate rather than a whole one (Finagle's and
 * Linkerd's {@code ewma × (inFlight + 1)}): the estimate is measured from the calls' whole time in
 * the endpoint, so it already holds the queueing that its calls in flight cause. Multiplied again
 * by all of them, a busy fast endpoint's cost counts its queue twice: at 80 % of a fleet's capacity
 * a 50 ms instance of 2 workers has estimates of 80–110 ms and 4–5 calls in flight, a cost of
 * 400–550 ms, and an idle 500 ms instance tied with it: it took 0.4–0.6 % of the calls, each 500
 * ms, which set the p99.9 (issue 12 §10: 3.84× the all-healthy figure; {@code
 * PeakEwmaUnderLoadTest}). A third keeps the in-flight term deciding between endpoints of like
 * estimates (the all-healthy tail moves little) while a 10× slower one has to decay far below its
 * estimate before it is tried, which is what lets its retries back off ({@link
 * dev.ballast.lb.internal.PeakEwma#MAX_IDLE_BACKOFF}).
 *
 * <p>An endpoint without samples yet (a new one) costs 0 while idle, so it is probed at once, but
 * {@code penalty × (1 + inFlight / 3)} while its first calls are outstanding, so it is not flooded
 * before anything is known about it.
 *
 * <p>Thread-safe and lock-free; reads the (coarse) clock once per pick and the hot fields of each
 * candidate (one cache line each). Costs are integers (nanoseconds × (inFlight + 3), saturating:
 * the cost times 3, which orders endpoints the same) and are compared as such when the weights are
 * equal.
 */
final class PeakEwmaPicker extends PowerOfTwoChoicesPicker {
  /**
   * How many calls in flight add one estimate to the cost. Tried on the queueing model at 2, 3 and
   * 4: 2 left the 10× slower instance 0.10–0.14 % of the calls (p99.9 up to 3.9× in some seeds), 4
   * cost the all-healthy p99 a further 10 %.
   */
  static final int CALLS_PER_ESTIMATE = 3;

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
    return saturatedMultiply(ewma, (long) inFlight + CALLS_PER_ESTIMATE);
  }
}
