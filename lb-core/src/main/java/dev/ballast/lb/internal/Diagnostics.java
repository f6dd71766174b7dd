package dev.ballast.lb.internal;

import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.PickContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a balancer tells people: the per-endpoint status behind {@code LoadBalancer.endpoints()} and
 * metrics, and the one-line summary in {@code NoAvailableEndpointException}. Reads published
 * snapshots (the member list and the picker) without joining the control plane: member fields may
 * be a moment stale, which is fine for diagnostics and failure messages. Stateless.
 */
final class Diagnostics {
  private Diagnostics() {}

  /** Every member with its state, in-flight count, latency estimate, ramp and traffic share. */
  static List<EndpointStatus> status(
      List<Member> members, Picker picker, SlowStart slowStart, long now) {
    Map<String, Double> share = new HashMap<>();
    for (int g = 0; g < picker.groupCount(); g++) {
      Picker.Group group = picker.group(g);
      double groupShare = picker.shares[g];
      double sum = 0;
      for (EndpointState s : group.endpoints) {
        sum += weightOf(memberOf(members, s), slowStart, now);
      }
      for (EndpointState s : group.endpoints) {
        double w = weightOf(memberOf(members, s), slowStart, now);
        share.put(s.endpoint().id(), sum == 0 ? 0 : groupShare * w / sum);
      }
    }
    List<EndpointStatus> out = new ArrayList<>();
    for (Member m : members) {
      out.add(
          new EndpointStatus(
              m.endpoint(),
              m.state(),
              m.stats.inFlight(),
              m.stats.estimateNanos(m.stats.nowNanos()),
              slowStart.factor(m.rampStartNanos, now),
              share.getOrDefault(m.endpoint().id(), 0.0)));
    }
    return out;
  }

  /** One line: local zone, panic, and per endpoint its zone, state and whether it was tried. */
  static String describe(
      String service,
      String localZone,
      boolean panic,
      List<EndpointStatus> status,
      PickContext context) {
    StringBuilder sb = new StringBuilder();
    sb.append("service '")
        .append(service)
        .append("' (local zone ")
        .append(localZone.isEmpty() ? "unknown" : "'" + localZone + "'")
        .append(panic ? ", panic mode" : "")
        .append("): ");
    if (status.isEmpty()) {
      return sb.append("no endpoints").toString();
    }
    for (int i = 0; i < status.size(); i++) {
      EndpointStatus s = status.get(i);
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(s.endpoint().id());
      sb.append(" [zone ").append(s.endpoint().zone().isEmpty() ? "-" : s.endpoint().zone());
      sb.append(", ").append(s.state().tag());
      if (context.isExcluded(s.endpoint())) {
        sb.append(", already tried");
      }
      sb.append(']');
    }
    return sb.toString();
  }

  private static @Nullable Member memberOf(List<Member> members, EndpointState s) {
    for (Member m : members) {
      if (m.stats == s) {
        return m;
      }
    }
    return null;
  }

  private static double weightOf(@Nullable Member m, SlowStart slowStart, long now) {
    return m == null ? 0 : m.endpoint().weight() * slowStart.factor(m.rampStartNanos, now);
  }
}
