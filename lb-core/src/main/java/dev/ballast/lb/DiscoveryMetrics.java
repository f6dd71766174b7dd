package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Micrometer meters of one {@link DiscoveredEndpointSource}, tagged {@code service} and {@code
 * source} (the discovery's name). Bound by {@link LbMetrics} when a load balancer's source is a
 * discovery; Micrometer stays optional (this class is loaded only when bound).
 *
 * <ul>
 *   <li>{@code ballast.discovery.updates} (function counter): sets received, changed or not
 *   <li>{@code ballast.discovery.errors} (function counter): errors reported by the discovery
 *   <li>{@code ballast.discovery.staleness} (gauge, seconds): age of the set in use
 * </ul>
 *
 * <p>{@link #close()} removes every meter it registered.
 */
public final class DiscoveryMetrics implements MeterBinder, AutoCloseable {
  private final DiscoveredEndpointSource source;
  private final List<Meter> meters = new ArrayList<>();
  private MeterRegistry registry;

  /**
   * Meters for {@code source}; call {@link #bindTo} to register them.
   *
   * @param source the source whose discovery is measured
   */
  public DiscoveryMetrics(DiscoveredEndpointSource source) {
    this.source = requireNonNull(source, "source");
    this.registry = io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  @Override
  public synchronized void bindTo(MeterRegistry r) {
    this.registry = requireNonNull(r, "registry");
    meters.add(
        FunctionCounter.builder(
                "ballast.discovery.updates", source, DiscoveredEndpointSource::updates)
            .tag("service", source.service())
            .tag("source", source.name())
            .description("Endpoint sets received from the discovery source")
            .register(r));
    meters.add(
        FunctionCounter.builder(
                "ballast.discovery.errors", source, DiscoveredEndpointSource::errors)
            .tag("service", source.service())
            .tag("source", source.name())
            .description("Errors of the discovery source; the last known set stays in use")
            .register(r));
    meters.add(
        Gauge.builder(
                "ballast.discovery.staleness", source, DiscoveredEndpointSource::stalenessSeconds)
            .tag("service", source.service())
            .tag("source", source.name())
            .baseUnit("seconds")
            .description("Age of the endpoint set in use")
            .strongReference(true)
            .register(r));
  }

  /** Removes every meter registered by {@link #bindTo}. */
  @Override
  public synchronized void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
  }
}
