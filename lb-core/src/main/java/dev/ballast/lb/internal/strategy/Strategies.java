package dev.ballast.lb.internal.strategy;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import dev.ballast.lb.internal.StrategyFactory;
import java.util.concurrent.TimeUnit;

/**
 * The built-in balancing strategies, as {@link StrategyFactory factories} of {@link ChildPicker}s.
 *
 * <p>Every factory is stateless and thread-safe, and is meant to be called on the control plane. It
 * validates its input (non-empty group, one finite weight &gt; 0 per endpoint) and throws {@link
 * IllegalArgumentException} naming the bad argument otherwise. Every picker it creates is
 * thread-safe, never returns null, and picks without locks or allocation; it neither acquires the
 * chosen endpoint nor honours {@link dev.ballast.lb.PickContext#excluded() exclusions}.
 */
public final class Strategies {
  /**
   * Default peak-EWMA cost of one outstanding call on an endpoint that has no latency sample yet:
   * 100 ms. Above typical in-datacentre latencies, so a new endpoint with calls in flight is not
   * flooded before its first answer; low enough that it still beats an endpoint known to be slow.
   */
  public static final long DEFAULT_PEAK_EWMA_PENALTY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final StrategyFactory ROUND_ROBIN =
      validated((endpoints, weights, random) -> new RoundRobinPicker(endpoints, random));
  private static final StrategyFactory WEIGHTED_ROUND_ROBIN =
      validated(WeightedRoundRobinPicker::create);
  private static final StrategyFactory RANDOM = validated(WeightedRandomPicker::new);
  private static final StrategyFactory LEAST_REQUEST = validated(LeastRequestPicker::new);
  private static final StrategyFactory PEAK_EWMA = peakEwma(DEFAULT_PEAK_EWMA_PENALTY_NANOS);
  private static final StrategyFactory RING_HASH = validated(RingHashPicker::new);

  private Strategies() {}

  /**
   * The factory for {@code strategy}; peak-EWMA with {@link #DEFAULT_PEAK_EWMA_PENALTY_NANOS}.
   * Never null.
   */
  public static StrategyFactory forName(Strategy strategy) {
    return switch (requireNonNull(strategy, "strategy")) {
      case ROUND_ROBIN -> roundRobin();
      case WEIGHTED_ROUND_ROBIN -> weightedRoundRobin();
      case RANDOM -> random();
      case LEAST_REQUEST -> leastRequest();
      case PEAK_EWMA -> peakEwma();
      case RING_HASH -> ringHash();
    };
  }

  /**
   * {@code round-robin}: endpoints in turn from a random start index; weights are ignored. One
   * atomic increment per pick.
   */
  public static StrategyFactory roundRobin() {
    return ROUND_ROBIN;
  }

  /**
   * {@code weighted-round-robin}: a smooth deterministic schedule in which shares follow the
   * weights (to within 2^-30 of the total; a weight below that still gets a share). Every endpoint
   * stays within a few picks of its exact share at any moment. One atomic increment and O(1)
   * expected work per pick, O(n) memory whatever the weights. Equal weights give round robin.
   */
  public static StrategyFactory weightedRoundRobin() {
    return WEIGHTED_ROUND_ROBIN;
  }

  /** {@code random}: independent weighted random picks (alias method, O(1), one random draw). */
  public static StrategyFactory random() {
    return RANDOM;
  }

  /**
   * {@code least-request}: of two distinct random endpoints, the one with the higher {@code weight
   * / (inFlight + 1)}.
   */
  public static StrategyFactory leastRequest() {
    return LEAST_REQUEST;
  }

  /**
   * {@code peak-ewma} with the default penalty {@link #DEFAULT_PEAK_EWMA_PENALTY_NANOS}: of two
   * distinct random endpoints, the one with the lower {@code ewma × (1 + inFlight / 3) / weight}
   * (why a third: {@code PeakEwmaPicker}).
   */
  public static StrategyFactory peakEwma() {
    return PEAK_EWMA;
  }

  /**
   * {@code peak-ewma} with a chosen penalty: an endpoint with no latency sample yet costs 0 while
   * idle (so it is probed) and {@code penaltyNanos × (1 + inFlight / 3) / weight} while calls to it
   * are outstanding.
   *
   * @param penaltyNanos the assumed latency of an unsampled endpoint, in nanoseconds, &gt; 0
   * @throws IllegalArgumentException if {@code penaltyNanos} is not positive
   */
  public static StrategyFactory peakEwma(long penaltyNanos) {
    if (penaltyNanos <= 0) {
      throw new IllegalArgumentException(
          "penaltyNanos: " + penaltyNanos + " (expected: a duration in nanoseconds > 0)");
    }
    return validated(
        (endpoints, weights, random) ->
            new PeakEwmaPicker(endpoints, weights, random, penaltyNanos));
  }

  /**
   * {@code ring-hash}: consistent hashing on {@link dev.ballast.lb.PickContext#affinityHash()} (a
   * random position when the context has no affinity key). 160 ring points per unit of weight;
   * O(log n) lookup; only about {@code 1/n} of the keys move when an endpoint joins or leaves.
   */
  public static StrategyFactory ringHash() {
    return RING_HASH;
  }

  private static StrategyFactory validated(StrategyFactory factory) {
    return (endpoints, weights, random) -> {
      check(endpoints, weights, random);
      return factory.create(endpoints, weights, random);
    };
  }

  private static void check(EndpointState[] endpoints, double[] weights, RandomSource random) {
    requireNonNull(endpoints, "endpoints");
    requireNonNull(weights, "weights");
    requireNonNull(random, "random");
    if (endpoints.length == 0) {
      throw new IllegalArgumentException("endpoints: [] (expected: at least one endpoint)");
    }
    if (weights.length != endpoints.length) {
      throw new IllegalArgumentException(
          "weights: "
              + weights.length
              + " values (expected: "
              + endpoints.length
              + ", one per endpoint)");
    }
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "weights[" + i + "]: " + w + " (expected: a finite number > 0)");
      }
      requireNonNull(endpoints[i], "endpoints[" + i + "]");
    }
  }
}
