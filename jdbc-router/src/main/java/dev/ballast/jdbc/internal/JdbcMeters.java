package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The router's Micrometer meters, all tagged {@code name} (the router's name):
 *
 * <ul>
 *   <li>{@code ballast.jdbc.routes} — counter; {@code route} = primary|replica, {@code reason} =
 *       write|read|fallback|read-your-writes;
 *   <li>{@code ballast.jdbc.replica.lag} — gauge, seconds; {@code replica} = host name;
 *   <li>{@code ballast.jdbc.replica.eligible} — gauge, replicas eligible for reads;
 *   <li>{@code ballast.jdbc.hosts} — gauge, 1 while the router uses the host in the role, else 0;
 *       {@code host} = the configured host name (never an address, so several routers on one shared
 *       cluster show which logical databases each host serves), {@code role} = primary|replica.
 *       Primary means writes go there; replica means it is eligible for reads.
 * </ul>
 *
 * Loaded only when a registry is given, so Micrometer stays optional. Removed by {@link #close()}.
 */
public final class JdbcMeters implements RouteRecorder, AutoCloseable {
  private final MeterRegistry registry;
  private final Map<RouteReason, Counter> routes = new EnumMap<>(RouteReason.class);
  private final List<Meter> meters = new ArrayList<>();

  /** Registers the meters of {@code router} in {@code registry}. */
  public JdbcMeters(MeterRegistry registry, Router router) {
    this.registry = registry;
    String name = router.config().name();
    for (RouteReason r : RouteReason.values()) {
      Counter c =
          Counter.builder("ballast.jdbc.routes")
              .description("Logical connections routed, by target and reason")
              .tag("name", name)
              .tag("route", r.route())
              .tag("reason", r.tag())
              .register(registry);
      routes.put(r, c);
      meters.add(c);
    }
    TopologyMonitor monitor = router.monitor();
    for (Host h : router.hosts()) {
      if (h.configuredPrimary() && router.config().topology() == Topology.STATIC) {
        continue;
      }
      meters.add(
          Gauge.builder("ballast.jdbc.replica.lag", monitor, m -> lag(m, h))
              .description("How far the replica is behind the primary")
              .baseUnit("seconds")
              .tag("name", name)
              .tag("replica", h.name())
              .register(registry));
    }
    meters.add(
        Gauge.builder(
                "ballast.jdbc.replica.eligible", monitor, m -> m.snapshot().eligibleReplicas())
            .description("Replicas eligible for reads: reachable, replicas, within max-replica-lag")
            .tag("name", name)
            .register(registry));
    boolean auto = router.config().topology() == Topology.AUTO;
    for (Host h : router.hosts()) {
      // a static topology never moves a role, so only the configured one is worth a series
      if (auto || h.configuredPrimary()) {
        meters.add(hostGauge(registry, monitor, name, h, Role.PRIMARY));
      }
      if (auto || !h.configuredPrimary()) {
        meters.add(hostGauge(registry, monitor, name, h, Role.REPLICA));
      }
    }
  }

  private static Gauge hostGauge(
      MeterRegistry registry, TopologyMonitor monitor, String name, Host h, Role role) {
    return Gauge.builder("ballast.jdbc.hosts", monitor, m -> serves(m.snapshot(), h, role))
        .description("1 while the router uses the host in the role: writes, or eligible for reads")
        .tag("name", name)
        .tag("host", h.name())
        .tag("role", role.label())
        .register(registry);
  }

  private static double serves(TopologySnapshot s, Host h, Role role) {
    if (role == Role.PRIMARY) {
      Host primary = s.primary();
      return primary != null && primary.name().equals(h.name()) ? 1 : 0;
    }
    HostState state = s.state(h);
    return state.role() == Role.REPLICA && state.eligible() ? 1 : 0;
  }

  private static double lag(TopologyMonitor m, Host h) {
    HostState s = m.snapshot().state(h);
    return s.role() == Role.REPLICA ? s.lagSeconds() : 0;
  }

  @Override
  public void routed(RouteReason reason) {
    Counter c = routes.get(reason);
    if (c != null) {
      c.increment();
    }
  }

  /** Removes every meter this object registered. */
  @Override
  public void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
  }
}
