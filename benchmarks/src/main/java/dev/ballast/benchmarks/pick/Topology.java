package dev.ballast.benchmarks.pick;

import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The endpoint set every pick benchmark balances over, so every library sees the same input: 12
 * endpoints, 4 in each of the zones {@code a}, {@code b} and {@code c}, weight 1; the caller's zone
 * (when a library is zone-aware) is {@code a}. Addresses are loopback and never contacted.
 */
public final class Topology {
  /** Number of endpoints. */
  public static final int SIZE = 12;

  /** The zones, in order. */
  public static final List<String> ZONES = List.of("a", "b", "c");

  /** The caller's zone for zone-aware variants. */
  public static final String LOCAL_ZONE = "a";

  /** Size of the precomputed latency array; a power of two so a cursor wraps with a mask. */
  public static final int LATENCY_SAMPLES = 1024;

  private Topology() {}

  /** Zone of endpoint {@code i} (0-based): a, a, a, a, b, b, … */
  public static String zone(int i) {
    return ZONES.get(i / (SIZE / ZONES.size()));
  }

  /** Id of endpoint {@code i}: {@code a1} … {@code c4}. */
  public static String id(int i) {
    return zone(i) + (i % (SIZE / ZONES.size()) + 1);
  }

  /** Port of endpoint {@code i}: 20001 … 20012 (never contacted). */
  public static int port(int i) {
    return 20001 + i;
  }

  /** The endpoints as Ballast sees them. */
  public static List<Endpoint> ballastEndpoints() {
    List<Endpoint> list = new ArrayList<>(SIZE);
    for (int i = 0; i < SIZE; i++) {
      list.add(Endpoint.builder("127.0.0.1", port(i)).id(id(i)).zone(zone(i)).build());
    }
    return list;
  }

  /**
   * Call latencies reported on completion, in nanoseconds: uniform in 0.8–1.2 ms from a fixed seed,
   * precomputed so the measured operation reads an array instead of a clock.
   */
  public static long[] latenciesNanos(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[LATENCY_SAMPLES];
    for (int i = 0; i < out.length; i++) {
      out[i] = 800_000L + random.nextLong(400_001L);
    }
    return out;
  }
}
