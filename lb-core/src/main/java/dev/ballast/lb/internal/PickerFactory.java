package dev.ballast.lb.internal;

import dev.ballast.lb.LbConfig;
import dev.ballast.lb.RandomSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the immutable {@link Picker} from the members as they are: decides panic, groups the
 * usable members by zone (local first), weighs them by slow start, asks {@link ZoneShares} for each
 * zone's share and the strategy for each zone's child picker. Pure apart from the strategy's
 * pickers sharing the balancer's random source; control plane only.
 */
final class PickerFactory {
  /** A picker and the facts about it that the balancer reports as events. */
  record Built(Picker picker, int usable, int total, boolean ramping) {}

  private final String service;
  private final LbConfig config;
  private final StrategyFactory strategy;
  private final RandomSource random;
  private final SlowStart slowStart;
  private final NoEndpoint noEndpoints;

  PickerFactory(
      String service,
      LbConfig config,
      StrategyFactory strategy,
      RandomSource random,
      SlowStart slowStart) {
    this.service = service;
    this.config = config;
    this.strategy = strategy;
    this.random = random;
    this.slowStart = slowStart;
    this.noEndpoints = new NoEndpoint("service '" + service + "' has no endpoints");
  }

  /** The picker of a balancer that has no endpoints yet. */
  Picker empty() {
    return new Picker(
        new Picker.Group[0],
        new double[0],
        random,
        noEndpoints,
        new NoEndpoint("no endpoints"),
        false,
        0,
        null,
        null);
  }

  /** A picker over {@code members} at {@code now}; picks are counted into the adders when given. */
  Built build(
      Collection<Member> members,
      long now,
      @Nullable LongAdder localPicks,
      @Nullable LongAdder remotePicks) {
    int total = members.size();
    int usable = 0;
    for (Member m : members) {
      if (m.usable()) {
        usable++;
      }
    }
    boolean panic =
        total > 0 && (usable == 0 || usable * 100 < config.panicThresholdPercent() * total);
    String localZone = config.localZone();
    boolean zoneConfigured = config.zoneAware() && !localZone.isEmpty();
    // In panic every endpoint counts as usable, so every zone looks fully healthy and the zone rule
    // would keep 100 % in the local zone, which may be the one failing (issue 12: 300 of 300 calls
    // to a zone of four failing instances while two healthy ones elsewhere idled). Envoy turns
    // zone-aware routing off in panic; so do we: panic balances over the whole fleet, which is
    // its point (health checks may be wrong, so spread the risk over every endpoint).
    boolean zoned = zoneConfigured && !panic;
    boolean ramping = false;
    // Zone -> candidates, in first-seen order with the local zone first.
    Map<String, ZoneGroup> byZone = new LinkedHashMap<>();
    if (zoned) {
      byZone.put(localZone, new ZoneGroup(localZone));
    }
    for (Member m : members) {
      ZoneGroup group = byZone.computeIfAbsent(zoned ? m.endpoint().zone() : "", ZoneGroup::new);
      group.total++;
      if (panic || m.usable()) {
        group.usable.add(m);
      }
      if (slowStart.factor(m.rampStartNanos, now) < 1.0) {
        ramping = true;
      }
    }
    ZoneGroup local = zoned ? byZone.get(localZone) : null;
    if (local != null && local.total == 0) {
      // The local zone has no endpoints at all: route zone-agnostically.
      byZone.remove(localZone);
      zoned = false;
    }
    // Zones with nothing usable stay in: their endpoints count in the remote zones' total health.
    List<ZoneGroup> zones = new ArrayList<>(byZone.values());
    int n = zones.size();
    for (ZoneGroup zone : zones) {
      zone.weigh(slowStart, now);
    }
    double[] shares;
    double localShare;
    if (n == 0) {
      shares = new double[0];
      localShare = 0;
    } else if (!zoned || n == 1) {
      shares = new double[n];
      for (int i = 0; i < n; i++) {
        shares[i] = zones.get(i).capacity;
      }
      normalize(shares);
      localShare = zoneConfigured && panic ? localFraction(members, now) : 1.0;
    } else if (!config.callerShares().isEmpty()) {
      double[] usableArr = new double[n];
      String[] names = new String[n];
      for (int i = 0; i < n; i++) {
        usableArr[i] = zones.get(i).usableWeight;
        names[i] = zones.get(i).zone;
      }
      shares = ZoneShares.callerShares(0, names, usableArr, config.callerShares());
      localShare = shares[0];
    } else {
      double[] usableArr = new double[n];
      int[] totalArr = new int[n];
      double[] capacity = new double[n];
      for (int i = 0; i < n; i++) {
        usableArr[i] = zones.get(i).usableWeight;
        totalArr[i] = zones.get(i).total;
        capacity[i] = zones.get(i).capacity;
      }
      shares =
          ZoneShares.priority(0, usableArr, totalArr, capacity, config.overprovisioningFactor());
      localShare = shares[0];
    }
    // Zones with no usable endpoint (an unhealthy local zone) get no picker.
    List<Picker.Group> groups = new ArrayList<>();
    List<Double> groupShares = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ZoneGroup zone = zones.get(i);
      if (zone.states.length > 0) {
        groups.add(
            new Picker.Group(
                zone.zone, zone.states, strategy.create(zone.states, zone.weights, random)));
        groupShares.add(shares[i]);
      }
    }
    double[] gs = new double[groups.size()];
    for (int i = 0; i < gs.length; i++) {
      gs[i] = groupShares.get(i);
    }
    normalize(gs);
    Picker picker =
        new Picker(
            groups.toArray(new Picker.Group[0]),
            gs,
            random,
            noEndpoints,
            new NoEndpoint(
                "every endpoint of service '"
                    + service
                    + "' was already tried ("
                    + total
                    + " in all)"),
            panic,
            localShare,
            localPicks,
            remotePicks);
    return new Built(picker, usable, total, ramping);
  }

  /** The local zone's share of the balanced weight while zones are not routed on (panic). */
  private double localFraction(Collection<Member> members, long now) {
    double local = 0;
    double sum = 0;
    for (Member m : members) {
      double w = m.endpoint().weight() * slowStart.factor(m.rampStartNanos, now);
      sum += w;
      if (m.stats.isLocal()) {
        local += w;
      }
    }
    return sum <= 0 ? 0 : local / sum;
  }

  static void normalize(double[] shares) {
    double sum = 0;
    for (double s : shares) {
      sum += s;
    }
    if (sum <= 0) {
      for (int i = 0; i < shares.length; i++) {
        shares[i] = 1.0 / shares.length;
      }
      return;
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] /= sum;
    }
  }

  /** The members of one zone while a picker is built: the usable ones, and how many in all. */
  private static final class ZoneGroup {
    final String zone;
    final List<Member> usable = new ArrayList<>();
    int total;
    EndpointState[] states = new EndpointState[0];
    double[] weights = new double[0];
    double usableWeight;
    double capacity;

    ZoneGroup(String zone) {
      this.zone = zone;
    }

    /**
     * Weighs the usable members by their ramp. Slow start changes the split inside a zone, not the
     * zone's share: two new instances scaling out a healthy zone must not push its traffic to other
     * zones. Only a zone with no warm usable endpoint (it is coming back as a whole) counts its
     * endpoints by their ramp factors, so its share returns over the window instead of at once onto
     * cold instances with nothing warm to carry it.
     */
    void weigh(SlowStart slowStart, long now) {
      int size = usable.size();
      states = new EndpointState[size];
      weights = new double[size];
      boolean anyWarm = false;
      for (Member m : usable) {
        anyWarm |= slowStart.factor(m.rampStartNanos, now) >= 1.0;
      }
      for (int j = 0; j < size; j++) {
        Member m = usable.get(j);
        states[j] = m.stats;
        double ramp = slowStart.factor(m.rampStartNanos, now);
        usableWeight += anyWarm ? 1.0 : ramp;
        weights[j] = m.endpoint().weight() * ramp;
        capacity += weights[j];
      }
    }
  }
}
