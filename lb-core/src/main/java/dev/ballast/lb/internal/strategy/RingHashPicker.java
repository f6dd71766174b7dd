package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import dev.ballast.lb.internal.Hashing;
import java.util.Arrays;
import java.util.Comparator;

/**
 * {@code ring-hash}: consistent hashing. Calls with the same {@linkplain PickContext#affinityHash()
 * affinity key} go to the same endpoint while the group is unchanged, and when an endpoint joins or
 * leaves only about {@code 1/n} of the keys move — those of the endpoint that left, or those the
 * newcomer takes over. Calls without an affinity key get a random position (weighted random).
 *
 * <p>Each endpoint places {@value #POINTS_PER_WEIGHT} points per unit of weight on a 64-bit ring
 * (Ketama-style virtual nodes; more points, smoother shares). A point's position depends only on
 * the endpoint's id and the point's number, never on the other endpoints, so rebuilding the ring
 * for another group moves no key between endpoints present in both. A key belongs to the first
 * point at or after its hash, wrapping around; lookup is a binary search, O(log n),
 * allocation-free.
 *
 * <p>The ring holds at most about {@value #MAX_POINTS} points (2 MB): beyond that every endpoint's
 * point count is scaled down alike, keeping at least one each.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class RingHashPicker implements ChildPicker {
  static final int POINTS_PER_WEIGHT = 160;
  static final int MAX_POINTS = 1 << 18;

  /** Endpoints sorted by id, so ties on the ring resolve the same whatever the input order. */
  private final EndpointState[] endpoints;

  /**
   * Sorted ring entries: a point's position in the high bits, the index of its endpoint in the low
   * {@link #ownerMask} bits — one array, sorted by one {@code Arrays.sort}, searched without a
   * second lookup.
   */
  private final long[] ring;

  private final long ownerMask;
  private final RandomSource random;

  RingHashPicker(EndpointState[] group, double[] groupWeights, RandomSource random) {
    int n = group.length;
    this.random = random;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> group[i].endpoint().id()));
    this.endpoints = new EndpointState[n];
    double[] weights = new double[n];
    double totalWeight = 0;
    for (int i = 0; i < n; i++) {
      endpoints[i] = group[order[i]];
      weights[i] = groupWeights[order[i]];
      totalWeight += weights[i];
    }

    int ownerBits = 32 - Integer.numberOfLeadingZeros(n - 1);
    this.ownerMask = (1L << ownerBits) - 1;
    double scale = Math.min(1.0, MAX_POINTS / (POINTS_PER_WEIGHT * totalWeight));
    int[] points = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      points[i] = (int) Math.max(1, Math.round(POINTS_PER_WEIGHT * weights[i] * scale));
      total += points[i];
    }
    this.ring = new long[total];
    int next = 0;
    for (int i = 0; i < n; i++) {
      long idHash = Hashing.hash(endpoints[i].endpoint().id());
      for (int k = 0; k < points[i]; k++) {
        ring[next++] = (pointHash(idHash, k) & ~ownerMask) | i;
      }
    }
    Arrays.sort(ring);
  }

  @Override
  public EndpointState pick(PickContext context) {
    long hash = context.hasAffinity() ? context.affinityHash() : random.nextLong();
    int i = Arrays.binarySearch(ring, hash & ~ownerMask);
    if (i < 0) {
      i = -i - 1;
      if (i == ring.length) {
        i = 0;
      }
    }
    return endpoints[(int) (ring[i] & ownerMask)];
  }

  /** Points on the ring (tests check the cap). */
  int size() {
    return ring.length;
  }

  /** Position of point {@code k} of the endpoint whose id hashes to {@code idHash}. */
  private static long pointHash(long idHash, int k) {
    return Hashing.mix(idHash + (k + 1) * 0x9e3779b97f4a7c15L);
  }
}
