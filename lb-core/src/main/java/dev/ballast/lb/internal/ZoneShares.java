package dev.ballast.lb.internal;

import java.util.Map;

/**
 * Traffic shares over zones (pure functions, unit-tested on their own).
 *
 * <p>Priority mode (callers' distribution unknown): Envoy's priority-load rule with normalized
 * total health, the local zone as priority 0 and the other zones together as priority 1; the remote
 * load spills to the other zones in proportion to their usable capacity.
 *
 * <p>Caller-shares mode: Envoy's zone-aware capacity rule. If the local zone's share of usable
 * upstream endpoints covers the callers' local share, everything stays local; otherwise the local
 * zone keeps {@code upstream% / caller%} and the residual goes to zones with spare capacity, in
 * proportion to {@code upstream% − caller%}.
 */
final class ZoneShares {
  private ZoneShares() {}

  /**
   * Shares in priority mode: the local zone is Envoy's priority 0, the other zones together its
   * priority 1 (their health is their usable endpoints over their total), and the load between the
   * two follows {@link #priorityLoads}; the remote load is split over the remote zones in
   * proportion to their usable capacity.
   *
   * @param local index of the local zone in the arrays
   * @param usable usable endpoints per zone (see the balancer for how slow start counts)
   * @param total all endpoints per zone
   * @param capacity usable weight per zone
   */
  static double[] priority(
      int local, double[] usable, int[] total, double[] capacity, double overprovisioning) {
    int n = usable.length;
    double[] shares = new double[n];
    double remoteCapacity = 0;
    double remoteUsable = 0;
    int remoteTotal = 0;
    for (int i = 0; i < n; i++) {
      if (i != local) {
        remoteCapacity += capacity[i];
        remoteUsable += usable[i];
        remoteTotal += total[i];
      }
    }
    double localShare;
    if (remoteCapacity <= 0) {
      localShare = usable[local] > 0 ? 1.0 : 0.0;
    } else {
      double[] healthy = {
        total[local] == 0 ? 0 : usable[local] / total[local],
        remoteTotal == 0 ? 0 : remoteUsable / remoteTotal
      };
      localShare = priorityLoads(healthy, overprovisioning)[0];
    }
    shares[local] = localShare;
    spill(shares, local, 1.0 - localShare, capacity, remoteCapacity);
    return shares;
  }

  /**
   * Envoy's priority load with normalized total health: each level's health is {@code min(1,
   * overprovisioning × healthy fraction)}; when the healths sum to less than 1 they are divided by
   * that sum (there is not enough healthy capacity anywhere, so each level takes load in proportion
   * to what it has instead of the first levels falling short), and each level takes {@code
   * min(remaining, health / normalized total)} in order. Nothing healthy anywhere: all to level 0
   * (the balancer is in panic then).
   *
   * @param healthyFractions healthy endpoints over all endpoints, per priority level, 0..1
   * @return the share of traffic per level, summing to 1
   */
  static double[] priorityLoads(double[] healthyFractions, double overprovisioning) {
    int n = healthyFractions.length;
    double[] health = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      health[i] = Math.min(1.0, overprovisioning * healthyFractions[i]);
      sum += health[i];
    }
    double[] loads = new double[n];
    if (sum <= 0) {
      loads[0] = 1.0;
      return loads;
    }
    double normalized = Math.min(1.0, sum);
    double remaining = 1.0;
    for (int i = 0; i < n; i++) {
      loads[i] = Math.min(remaining, health[i] / normalized);
      remaining -= loads[i];
    }
    return loads;
  }

  /**
   * Shares in caller-shares mode.
   *
   * @param zones zone names, same order as {@code usable}
   * @param usable usable endpoints per zone, counted by ramp factor as in {@link #priority}
   * @param callerShares callers' relative shares per zone (need not sum to 1)
   */
  static double[] callerShares(
      int local, String[] zones, double[] usable, Map<String, Double> callerShares) {
    int n = usable.length;
    double[] shares = new double[n];
    double usableTotal = 0;
    for (double u : usable) {
      usableTotal += u;
    }
    double callerTotal = 0;
    for (double v : callerShares.values()) {
      callerTotal += v;
    }
    if (usableTotal == 0 || callerTotal <= 0) {
      shares[local] = 1.0;
      return shares;
    }
    double[] upstreamPct = new double[n];
    double[] callerPct = new double[n];
    for (int i = 0; i < n; i++) {
      upstreamPct[i] = usable[i] / usableTotal;
      callerPct[i] = callerShares.getOrDefault(zones[i], 0.0) / callerTotal;
    }
    if (upstreamPct[local] >= callerPct[local]) {
      shares[local] = 1.0;
      return shares;
    }
    double localShare = upstreamPct[local] / callerPct[local];
    shares[local] = localShare;
    double[] residual = new double[n];
    double residualTotal = 0;
    for (int i = 0; i < n; i++) {
      if (i != local) {
        residual[i] = Math.max(0, upstreamPct[i] - callerPct[i]);
        residualTotal += residual[i];
      }
    }
    if (residualTotal <= 0) {
      // No zone has spare capacity by the callers' measure: spread by usable endpoints.
      for (int i = 0; i < n; i++) {
        residual[i] = i == local ? 0 : usable[i];
        residualTotal += residual[i];
      }
    }
    spill(shares, local, 1.0 - localShare, residual, residualTotal);
    return shares;
  }

  private static void spill(
      double[] shares, int local, double amount, double[] weights, double weightTotal) {
    if (amount <= 0 || weightTotal <= 0) {
      return;
    }
    for (int i = 0; i < shares.length; i++) {
      if (i != local) {
        shares[i] = amount * weights[i] / weightTotal;
      }
    }
  }
}
