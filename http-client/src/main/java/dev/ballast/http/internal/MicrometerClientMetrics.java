package dev.ballast.http.internal;

import dev.ballast.lb.LbMetrics;
import dev.ballast.lb.LoadBalancer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of a client. The only class of the client that references Micrometer: it is
 * loaded only when a registry is given.
 *
 * <ul>
 *   <li>{@code http.client.requests} (timer; {@code service}, {@code method}, {@code status} (code
 *       or {@code IO_ERROR}), {@code outcome} (Micrometer's convention: SUCCESS, CLIENT_ERROR,
 *       SERVER_ERROR, REDIRECTION, INFORMATIONAL, UNKNOWN), {@code zone} = local|remote|none)
 *   <li>{@code ballast.http.retries}, {@code ballast.http.hedges} (counters; {@code service})
 *   <li>lb-core's {@link LbMetrics} per service
 * </ul>
 *
 * No per-path or per-address tags. After {@link #close()} nothing more is registered.
 */
final class MicrometerClientMetrics implements ClientMetrics {
  private static final String RETRIES = "ballast.http.retries";
  private static final String RETRIES_DESCRIPTION = "Retries of calls on another endpoint";
  private static final String HEDGES = "ballast.http.hedges";
  private static final String HEDGES_DESCRIPTION = "Backup (hedged) attempts";

  private final MeterRegistry registry;
  private final Set<Meter> meters = ConcurrentHashMap.newKeySet();
  private final List<LbMetrics> lbMetrics = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, Counter> retries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> hedges = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private MicrometerClientMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Takes {@code Object} so that callers' signatures stay free of Micrometer types. */
  static ClientMetrics create(Object registry) {
    return new MicrometerClientMetrics((MeterRegistry) registry);
  }

  @Override
  public void bind(LoadBalancer lb) {
    LbMetrics m = new LbMetrics(lb);
    m.bindTo(registry);
    lbMetrics.add(m);
    // Registered up front so that dashboards see 0 rather than no series.
    counter(retries, RETRIES, RETRIES_DESCRIPTION, lb.service());
    counter(hedges, HEDGES, HEDGES_DESCRIPTION, lb.service());
  }

  @Override
  public void recordCall(String service, String method, int status, String zone, long nanos) {
    if (closed) {
      return;
    }
    Timer t =
        Timer.builder("http.client.requests")
            .description("Calls through the Ballast HTTP client, retries and hedges included")
            .tag("service", service)
            .tag("method", method)
            .tag("status", status == 0 ? "IO_ERROR" : Integer.toString(status))
            .tag("outcome", outcome(status))
            .tag("zone", zone)
            .register(registry);
    meters.add(t);
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  static String outcome(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    } else if (status >= 200 && status < 300) {
      return "SUCCESS";
    } else if (status >= 300 && status < 400) {
      return "REDIRECTION";
    } else if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    } else if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }

  @Override
  public void retry(String service) {
    if (!closed) {
      counter(retries, RETRIES, RETRIES_DESCRIPTION, service).increment();
    }
  }

  @Override
  public void hedge(String service) {
    if (!closed) {
      counter(hedges, HEDGES, HEDGES_DESCRIPTION, service).increment();
    }
  }

  private Counter counter(
      ConcurrentHashMap<String, Counter> cache, String name, String description, String service) {
    return cache.computeIfAbsent(
        service,
        s -> {
          Counter n =
              Counter.builder(name).description(description).tag("service", s).register(registry);
          meters.add(n);
          return n;
        });
  }

  @Override
  public void close() {
    closed = true;
    for (LbMetrics m : lbMetrics) {
      m.close();
    }
    lbMetrics.clear();
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
    retries.clear();
    hedges.clear();
  }
}
