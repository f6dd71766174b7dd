package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code weighted-round-robin}: a deterministic, smooth schedule in which each endpoint's share
 * equals its weight's share. Thread-safe and lock-free: one atomic increment per pick, then O(1)
 * expected work (O(log n) worst case) with no division; memory O(n) whatever the weights.
 *
 * <p>How: the weights are apportioned to integers summing to exactly {@code 2^30} and laid end to
 * end on a line of that length, endpoint {@code i} owning {@code scaled[i]} consecutive positions.
 * Ticket {@code t} visits the position whose 30 bits are those of {@code t} reversed — the van der
 * Corput sequence. Over a cycle of {@code 2^30} tickets every position is visited once, so shares
 * are exact up to the apportioning ({@code 2^-30}); and any {@code 2^j} consecutive tickets
 * starting at a multiple of {@code 2^j} land on an evenly spaced grid of {@code 2^j} positions, so
 * at every time scale each endpoint stays within a few picks of its exact share and a heavy
 * endpoint's picks interleave with the others' rather than arriving in bursts — what EDF and stride
 * schedulers are used for, without their heap, lock or per-weight table. The owner of a position is
 * found through a bucket index of at most {@code 2n} entries and a binary search bounded by the
 * bucket.
 *
 * <p>This deliberately avoids the O(n × weight) schedule that made Armeria's first weighted round
 * robin about 700 times slower with uneven weights (line/armeria #1248). Equal weights degrade to
 * plain {@link RoundRobinPicker} through {@link #create}.
 */
final class WeightedRoundRobinPicker implements ChildPicker {
  private static final int LINE_BITS = 30;
  private static final long LINE = 1L << LINE_BITS;

  private final EndpointState[] endpoints;

  /** {@code start[i]} = first position owned by endpoint i; {@code start[n] = 2^30}. */
  private final long[] start;

  /** Owner of the first position of each bucket, plus the last endpoint as a sentinel. */
  private final int[] bucketOwner;

  private final int bucketShift;
  private final PaddedSequence sequence;

  /**
   * A weighted round robin over {@code endpoints}, or a plain round robin when all weights are
   * equal. Control plane only.
   */
  static ChildPicker create(EndpointState[] endpoints, double[] weights, RandomSource random) {
    for (double w : weights) {
      if (w != weights[0]) {
        return new WeightedRoundRobinPicker(endpoints, weights, random);
      }
    }
    return new RoundRobinPicker(endpoints, random);
  }

  private WeightedRoundRobinPicker(
      EndpointState[] endpoints, double[] weights, RandomSource random) {
    int n = endpoints.length;
    this.endpoints = endpoints;
    long[] scaled = apportion(weights);
    this.start = new long[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + scaled[i];
    }

    // Buckets are 2^shift positions wide with 2^shift ≤ 2^30 / n: at most 2n buckets, and a pick
    // lands in a bucket that overlaps about two endpoints on average.
    this.bucketShift = 63 - Long.numberOfLeadingZeros(LINE / n);
    int buckets = (int) (LINE >>> bucketShift);
    this.bucketOwner = new int[buckets + 1];
    int owner = 0;
    for (int b = 0; b < buckets; b++) {
      long position = (long) b << bucketShift;
      while (start[owner + 1] <= position) {
        owner++;
      }
      bucketOwner[b] = owner;
    }
    bucketOwner[buckets] = n - 1;

    // A random phase, like round robin's random start: clients rebuilt together do not march in
    // lockstep.
    this.sequence = new PaddedSequence(random.nextInt((int) LINE));
  }

  @Override
  public EndpointState pick(PickContext context) {
    int position = Integer.reverse((int) sequence.next()) >>> (Integer.SIZE - LINE_BITS);
    int bucket = position >>> bucketShift;
    int lo = bucketOwner[bucket];
    int hi = bucketOwner[bucket + 1];
    // The owner is the largest i in [lo, hi] with start[i] <= position.
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= position) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return endpoints[lo];
  }

  /** Array slots held by the schedule; O(n) whatever the weights (tests check this). */
  int footprint() {
    return start.length + bucketOwner.length;
  }

  /**
   * Integers proportional to {@code weights}, each at least 1, summing to exactly 2^30: each gets
   * the floor of its exact share and the heaviest absorbs the rounding (fewer than n units, a
   * relative error below n × 2^-30).
   */
  private static long[] apportion(double[] weights) {
    double total = 0;
    int heaviest = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      if (weights[i] > weights[heaviest]) {
        heaviest = i;
      }
    }
    long[] scaled = new long[weights.length];
    long sum = 0;
    for (int i = 0; i < weights.length; i++) {
      scaled[i] = Math.max(1, (long) (weights[i] / total * LINE));
      sum += scaled[i];
    }
    scaled[heaviest] += LINE - sum;
    return scaled;
  }
}
