package dev.ballast.http.internal;

import dev.ballast.lb.LbMetrics;
import dev.ballast.lb.LoadBalancer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Micrometer meters of a client. The only class of the client that references Micrometer: it is
 * loaded only when a registry is given.
 *
 * <ul>
 *   <li>{@code ballast.http.client.requests} (timer; {@code service}, {@code method}, {@code
 *       status} (code or {@code IO_ERROR}), {@code outcome} (Micrometer's convention: SUCCESS,
 *       CLIENT_ERROR, SERVER_ERROR, REDIRECTION, INFORMATIONAL, UNKNOWN), {@code zone} =
 *       local|remote|none)
 *   <li>{@code ballast.http.retries}, {@code ballast.http.hedges} (counters; {@code service})
 *   <li>lb-core's {@link LbMetrics} per service
 *   <li>Resilience4j's {@code resilience4j.circuitbreaker.*} and {@code resilience4j.bulkhead.*} of
 *       the services that have a circuit breaker or bulkhead (tags {@code name} and {@code
 *       service}), through {@code resilience4j-micrometer}
 * </ul>
 *
 * No per-path or per-address tags. After {@link #close()} nothing more is registered or recorded.
 *
 * <p>Timers are registered on first use and then cached per service in arrays indexed by method,
 * zone and status, so a call records with two array reads instead of building tags and asking the
 * registry (which allocated about a kilobyte per call).
 */
final class MicrometerClientMetrics implements ClientMetrics {
  // Prefixed: Spring Boot registers "http.client.requests" with other tag keys, and a Prometheus
  // registry refuses a second meter of one name with a different set of tag keys.
  private static final String REQUESTS = "ballast.http.client.requests";
  private static final String REQUESTS_DESCRIPTION =
      "Calls through the Ballast HTTP client, retries and hedges included";
  private static final String RETRIES = "ballast.http.retries";
  private static final String RETRIES_DESCRIPTION = "Retries of calls on another endpoint";
  private static final String HEDGES = "ballast.http.hedges";
  private static final String HEDGES_DESCRIPTION = "Backup (hedged) attempts";
  private static final String RETRIES_DENIED = "ballast.http.retries.denied";
  private static final String RETRIES_DENIED_DESCRIPTION =
      "Retries not taken because the retry budget (retry.budget-percent) was spent";
  private static final String HEDGES_DENIED = "ballast.http.hedges.denied";
  private static final String HEDGES_DENIED_DESCRIPTION =
      "Hedges not sent because the hedge budget (hedge.budget-percent) was spent";
  private static final String[] ZONES = {"local", "remote", "none"};
  // Methods with a cached row; any other method registers through the registry on each call.
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"};
  private static final int STATUSES = 600; // 0 (no response) and 1..599

  private final MeterRegistry registry;
  private final Set<Meter> meters = ConcurrentHashMap.newKeySet();
  private final List<LbMetrics> lbMetrics = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private MicrometerClientMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Takes {@code Object} so that callers' signatures stay free of Micrometer types. */
  static ClientMetrics create(Object registry) {
    return new MicrometerClientMetrics((MeterRegistry) registry);
  }

  @Override
  public ServiceMeters bind(LoadBalancer lb) {
    LbMetrics m = new LbMetrics(lb);
    m.bindTo(registry);
    lbMetrics.add(m);
    // Registered up front so that dashboards see 0 rather than no series.
    return new Service(
        lb.service(),
        counter(RETRIES, RETRIES_DESCRIPTION, lb.service()),
        counter(HEDGES, HEDGES_DESCRIPTION, lb.service()),
        counter(RETRIES_DENIED, RETRIES_DENIED_DESCRIPTION, lb.service()),
        counter(HEDGES_DENIED, HEDGES_DENIED_DESCRIPTION, lb.service()));
  }

  private Counter counter(String name, String description, String service) {
    Counter c =
        Counter.builder(name).description(description).tag("service", service).register(registry);
    meters.add(c);
    return c;
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

  private static int methodIndex(String method) {
    for (int i = 0; i < METHODS.length; i++) {
      // Identity first: the request builder's constants make this the common case.
      if (METHODS[i] == method || METHODS[i].equals(method)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void bindIsolation(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
    // The binders follow their registry: an entry added later gets meters, one removed (when its
    // service closes) loses them, so close() below has nothing of theirs left to remove.
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
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
  }

  /** One service's meters. */
  private final class Service implements ServiceMeters {
    private final String service;
    private final Counter retries;
    private final Counter hedges;
    private final Counter retriesDenied;
    private final Counter hedgesDenied;
    // [method * 3 + zone] -> [status] -> timer, both levels filled lazily.
    private final AtomicReferenceArray<AtomicReferenceArray<Timer>> timers =
        new AtomicReferenceArray<>(METHODS.length * ZONES.length);

    Service(
        String service,
        Counter retries,
        Counter hedges,
        Counter retriesDenied,
        Counter hedgesDenied) {
      this.service = service;
      this.retries = retries;
      this.hedges = hedges;
      this.retriesDenied = retriesDenied;
      this.hedgesDenied = hedgesDenied;
    }

    @Override
    public void recordCall(String method, int status, int zone, long nanos) {
      if (closed) {
        return;
      }
      timer(method, status, zone).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, int status, int zone) {
      int m = methodIndex(method);
      if (m < 0 || status < 0 || status >= STATUSES) {
        return register(method, status, zone);
      }
      int row = m * ZONES.length + zone;
      AtomicReferenceArray<Timer> byStatus = timers.get(row);
      if (byStatus == null) {
        timers.compareAndSet(row, null, new AtomicReferenceArray<>(STATUSES));
        byStatus = timers.get(row);
      }
      Timer t = byStatus.get(status);
      if (t == null) {
        // Racing threads register the same id; the registry hands both the same timer.
        t = register(method, status, zone);
        byStatus.set(status, t);
      }
      return t;
    }

    private Timer register(String method, int status, int zone) {
      Timer t =
          Timer.builder(REQUESTS)
              .description(REQUESTS_DESCRIPTION)
              .tag("service", service)
              .tag("method", method)
              .tag("status", status == 0 ? "IO_ERROR" : Integer.toString(status))
              .tag("outcome", outcome(status))
              .tag("zone", ZONES[zone])
              .register(registry);
      meters.add(t);
      if (closed) {
        registry.remove(t); // close() ran while this registered: leave nothing behind
      }
      return t;
    }

    @Override
    public void retry() {
      if (!closed) {
        retries.increment();
      }
    }

    @Override
    public void hedge() {
      if (!closed) {
        hedges.increment();
      }
    }

    @Override
    public void retryDenied() {
      if (!closed) {
        retriesDenied.increment();
      }
    }

    @Override
    public void hedgeDenied() {
      if (!closed) {
        hedgesDenied.increment();
      }
    }
  }
}
