package dev.ballast.lb.internal;

import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * An immutable routing decision table, rebuilt by the control plane and published with one volatile
 * write: zone groups (local first) with precomputed cumulative traffic shares, each group balanced
 * by its strategy's {@link ChildPicker}.
 *
 * <p>{@link #pick} takes no lock and allocates nothing: it reads final arrays, draws one random
 * number when traffic spills over more than one zone, and asks the child picker.
 */
final class Picker {
  /** One zone's usable endpoints and their picker. */
  static final class Group {
    final String zone;
    final EndpointState[] endpoints;
    final ChildPicker picker;

    Group(String zone, EndpointState[] endpoints, ChildPicker picker) {
      this.zone = zone;
      this.endpoints = endpoints;
      this.picker = picker;
    }
  }

  private final Group[] groups;
  private final double[] cumulative;

  /**
   * The picker of the first group when it takes all the traffic (the local zone, all healthy: the
   * common case), else null: the pick then reads one field instead of the group array, its first
   * element and its cumulative share, each a dependent load on the path to the endpoint.
   */
  private final @Nullable ChildPicker whole;

  private final RandomSource random;
  private final NoEndpoint empty;
  private final NoEndpoint allExcluded;
  private final @Nullable LongAdder localPicks;
  private final @Nullable LongAdder remotePicks;
  final boolean panic;
  final double localShare;
  final double[] shares;

  Picker(
      Group[] groups,
      double[] shares,
      RandomSource random,
      NoEndpoint empty,
      NoEndpoint allExcluded,
      boolean panic,
      double localShare,
      @Nullable LongAdder localPicks,
      @Nullable LongAdder remotePicks) {
    this.groups = groups;
    this.shares = shares;
    this.random = random;
    this.empty = empty;
    this.allExcluded = allExcluded;
    this.panic = panic;
    this.localShare = localShare;
    this.localPicks = localPicks;
    this.remotePicks = remotePicks;
    this.cumulative = cumulative(shares);
    this.whole = groups.length > 0 && cumulative[0] >= 1.0 ? groups[0].picker : null;
  }

  private static double[] cumulative(double[] shares) {
    double[] c = new double[shares.length];
    double sum = 0;
    int lastNonZero = -1;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i];
      c[i] = sum;
      if (shares[i] > 0) {
        lastNonZero = i;
      }
    }
    // Float error must never route past the last group that should get traffic.
    for (int i = Math.max(lastNonZero, 0); i < c.length; i++) {
      c[i] = 1.0;
    }
    return c;
  }

  Pick pick(PickContext context) {
    ChildPicker only = whole;
    int g = 0;
    EndpointState chosen;
    if (only != null) {
      chosen = only.pick(context);
    } else {
      Group[] gs = groups;
      int n = gs.length;
      if (n == 0) {
        return empty;
      }
      double r = random.nextDouble();
      while (g < n - 1 && r >= cumulative[g]) {
        g++;
      }
      chosen = gs[g].picker.pick(context);
    }
    if (context.isExcluded(chosen.endpoint())) {
      chosen = firstNotExcluded(context, g);
      if (chosen == null) {
        return allExcluded;
      }
    }
    chosen.acquire();
    LongAdder local = localPicks;
    LongAdder remote = remotePicks;
    if (local != null && remote != null) { // both bound together, or neither
      (chosen.isLocal() ? local : remote).increment();
    }
    return chosen;
  }

  /** Off the fast path: a retry that excluded the strategy's choice takes the next one. */
  private @Nullable EndpointState firstNotExcluded(PickContext context, int startGroup) {
    int n = groups.length;
    for (int k = 0; k < n; k++) {
      Group group = groups[(startGroup + k) % n];
      EndpointState[] es = group.endpoints;
      int start = random.nextInt(es.length);
      for (int i = 0; i < es.length; i++) {
        EndpointState s = es[(start + i) % es.length];
        if (!context.isExcluded(s.endpoint())) {
          return s;
        }
      }
    }
    return null;
  }

  int groupCount() {
    return groups.length;
  }

  Group group(int i) {
    return groups[i];
  }
}
