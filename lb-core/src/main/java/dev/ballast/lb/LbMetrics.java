package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.Balancer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of one {@link LoadBalancer}. Micrometer is an optional dependency: this class
 * is only loaded when bound.
 *
 * <ul>
 *   <li>{@code ballast.lb.endpoints} (gauge; tags {@code service}, {@code state} =
 *       healthy|unhealthy|ejected)
 *   <li>{@code ballast.lb.picks} (function counter; tags {@code service}, {@code zone} =
 *       local|remote)
 *   <li>{@code ballast.lb.ejections} (function counter; tag {@code service})
 *   <li>{@code ballast.lb.panic} (gauge, 1 while in panic mode; tag {@code service})
 *   <li>{@code ballast.lb.local.share} (gauge, 0..1; tag {@code service})
 *   <li>when the source is a {@link DiscoveredEndpointSource}: {@link DiscoveryMetrics}'s meters
 * </ul>
 *
 * <p>No per-address tags. {@link #close()} removes every meter it registered.
 */
public final class LbMetrics implements MeterBinder, AutoCloseable {
  private final LoadBalancer lb;
  private final List<Meter> meters = new ArrayList<>();
  private MeterRegistry registry;
  private @Nullable DiscoveryMetrics discovery;

  /**
   * Meters for {@code lb}; call {@link #bindTo} to register them.
   *
   * @param lb the load balancer to measure
   */
  public LbMetrics(LoadBalancer lb) {
    this.lb = requireNonNull(lb, "lb");
    this.registry = io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  @Override
  public synchronized void bindTo(MeterRegistry r) {
    this.registry = requireNonNull(r, "registry");
    Balancer b = lb.balancer();
    b.enablePickCounting();
    String service = lb.service();
    for (EndpointStatus.State state : EndpointStatus.State.values()) {
      meters.add(
          Gauge.builder("ballast.lb.endpoints", lb, l -> count(l, state))
              .tag("service", service)
              .tag("state", state.tag())
              .description("Endpoints of the service by state")
              .strongReference(true)
              .register(r));
    }
    meters.add(
        FunctionCounter.builder("ballast.lb.picks", b, Balancer::localPicks)
            .tag("service", service)
            .tag("zone", "local")
            .description("Endpoints picked, by zone locality")
            .register(r));
    meters.add(
        FunctionCounter.builder("ballast.lb.picks", b, Balancer::remotePicks)
            .tag("service", service)
            .tag("zone", "remote")
            .description("Endpoints picked, by zone locality")
            .register(r));
    meters.add(
        FunctionCounter.builder("ballast.lb.ejections", b, Balancer::ejections)
            .tag("service", service)
            .description("Passive ejections")
            .register(r));
    meters.add(
        Gauge.builder("ballast.lb.panic", b, x -> x.inPanic() ? 1 : 0)
            .tag("service", service)
            .description("1 while balancing over all endpoints because too few are usable")
            .strongReference(true)
            .register(r));
    meters.add(
        Gauge.builder("ballast.lb.local.share", b, Balancer::localShare)
            .tag("service", service)
            .description("Share of traffic kept in the local zone")
            .strongReference(true)
            .register(r));
    if (lb.source() instanceof DiscoveredEndpointSource d) {
      discovery = new DiscoveryMetrics(d);
      discovery.bindTo(r);
    }
  }

  private static double count(LoadBalancer lb, EndpointStatus.State state) {
    int n = 0;
    for (EndpointStatus s : lb.endpoints()) {
      if (s.state() == state) {
        n++;
      }
    }
    return n;
  }

  /** Removes every meter registered by {@link #bindTo}. */
  @Override
  public synchronized void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
    if (discovery != null) {
      discovery.close();
      discovery = null;
    }
  }
}
