package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.discovery.ReportedEndpoints;
import dev.ballast.lb.internal.discovery.SourceDescription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EndpointSource} over a {@link Discovery}: what every discovery plugin gets for free.
 *
 * <ul>
 *   <li><b>Last known good.</b> An error ({@link DiscoveryListener#onError}) never changes the set:
 *       the last good one stays in use. Errors are counted; the first error after a good state is
 *       logged at WARN, the return to a good state at INFO, repeats only at DEBUG.
 *   <li><b>Draining.</b> A draining endpoint is withheld from the sets delivered to listeners, so
 *       the balancer gives it no new picks. The HTTP client treats it like an endpoint that left:
 *       calls in flight on it complete, and its connections close as they come back idle.
 *   <li><b>Empty sets are honoured</b> when the discovery reports them (the service scaled to
 *       zero); calls then fail with a message naming the service and this source ({@link
 *       #description()}).
 *   <li><b>Only real changes are published</b>: an update equal to the current set (ids, addresses,
 *       zones, weights, metadata) refreshes the staleness clock and is not delivered.
 * </ul>
 *
 * <p><b>Lifecycle.</b> The discovery starts when the first listener subscribes and stops for good
 * when the last one unsubscribes or {@link #close()} is called, so the client that subscribed
 * closes it. It cannot be restarted.
 *
 * <p><b>Threading.</b> Thread-safe; sets and errors are applied under one lock in the order the
 * discovery delivers them, and listeners are called under that lock, never concurrently.
 */
public final class DiscoveredEndpointSource implements EndpointSource {
  private static final Logger log = LoggerFactory.getLogger(DiscoveredEndpointSource.class);

  /** Where the source stands. */
  public enum Health {
    /** Started, no set and no error yet. */
    WAITING,
    /** The last report was a set. */
    UP_TO_DATE,
    /** The last report was an error; the last good set (if any) stays in use. */
    FAILING,
    /** Closed. */
    CLOSED
  }

  private final String service;
  private final String name;
  private final Discovery discovery;
  private final Ticker ticker;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private final DiscoveryListener sink = new Sink();
  private @Nullable EndpointSet current;
  private ReportedEndpoints lastReported = ReportedEndpoints.NONE;
  private Health health = Health.WAITING;
  private boolean started;
  private @Nullable AutoCloseable handle;
  private long startedNanos;
  private long lastGoodNanos = -1;
  private long updates;
  private long errors;
  private String lastProblem = "";

  /**
   * A source for {@code service} fed by {@code discovery}, which is not started yet.
   *
   * @param service the service whose endpoints are discovered
   * @param discovery the registry to follow
   * @param name the source's name for messages and meter tags, e.g. {@code zookeeper}
   * @param ticker the clock of the staleness gauge
   */
  public DiscoveredEndpointSource(String service, String name, Discovery discovery, Ticker ticker) {
    this.service = requireNonNull(service, "service");
    this.name = requireNonNull(name, "name");
    this.discovery = requireNonNull(discovery, "discovery");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  /** {@return the service this source discovers} */
  public String service() {
    return service;
  }

  /** {@return the source's name, e.g. {@code zookeeper}} */
  public String name() {
    return name;
  }

  @Override
  public AutoCloseable subscribe(Listener listener) {
    requireNonNull(listener, "listener");
    boolean start;
    synchronized (this) {
      if (health == Health.CLOSED) {
        throw new IllegalStateException(
            "discovery '" + name + "' for service '" + service + "' is closed");
      }
      listeners.add(listener);
      EndpointSet set = current;
      if (set != null) {
        listener.onEndpoints(set);
      }
      start = !started;
      if (start) {
        started = true;
        startedNanos = ticker.nanoTime();
      }
    }
    if (start) {
      start();
    }
    return () -> unsubscribe(listener);
  }

  // Outside the lock: a discovery may wait in start() for its first answer, which its own
  // threads deliver through the sink.
  private void start() {
    AutoCloseable h;
    try {
      h = discovery.start(sink);
    } catch (Exception e) {
      sink.onError("could not start: " + e, e);
      return;
    }
    boolean closeNow;
    synchronized (this) {
      closeNow = health == Health.CLOSED;
      if (!closeNow) {
        handle = h;
      }
    }
    if (closeNow) {
      closeQuietly(h);
    }
  }

  private void unsubscribe(Listener listener) {
    boolean last;
    synchronized (this) {
      last = listeners.remove(listener) && listeners.isEmpty();
    }
    if (last) {
      close();
    }
  }

  /** Stops the discovery; idempotent. The last set stays readable through {@link #current()}. */
  @Override
  public void close() {
    AutoCloseable h;
    synchronized (this) {
      if (health == Health.CLOSED) {
        return;
      }
      health = Health.CLOSED;
      h = handle;
      handle = null;
      listeners.clear();
    }
    if (h != null) {
      closeQuietly(h);
    }
  }

  private void closeQuietly(AutoCloseable h) {
    try {
      h.close();
    } catch (Exception e) {
      log.debug("Service '{}': closing discovery '{}' failed", service, name, e);
    }
  }

  /**
   * {@return the set delivered last (draining endpoints withheld); empty of version 0 before any}
   */
  public synchronized EndpointSet current() {
    EndpointSet set = current;
    return set != null ? set : new EndpointSet(0, List.of());
  }

  /** {@return the endpoints as last reported, draining ones included} */
  public synchronized List<DiscoveredEndpoint> reported() {
    return lastReported.all();
  }

  /** {@return where the source stands now} */
  public synchronized Health health() {
    return health;
  }

  /**
   * Sets received from the discovery, changed or not.
   *
   * @return how many sets the discovery delivered, changed or not
   */
  public synchronized long updates() {
    return updates;
  }

  /** {@return the errors reported by the discovery} */
  public synchronized long errors() {
    return errors;
  }

  /**
   * {@return the seconds since the last good set (before the first one: since the discovery
   * started; 0 if it has not started)}
   */
  public synchronized double stalenessSeconds() {
    if (!started) {
      return 0;
    }
    long since = lastGoodNanos >= 0 ? lastGoodNanos : startedNanos;
    return (ticker.nanoTime() - since) / (double) TimeUnit.SECONDS.toNanos(1);
  }

  /**
   * For failure messages, e.g. {@code discovery 'zookeeper': up to date, 0 endpoints (1 draining),
   * last set 1.2s ago}.
   */
  @Override
  public synchronized String description() {
    return SourceDescription.of(
        name, health, lastProblem, lastReported, lastGoodNanos >= 0 ? stalenessSeconds() : null);
  }

  @Override
  public String toString() {
    return "DiscoveredEndpointSource[" + service + ", " + name + "]";
  }

  private synchronized void applyEndpoints(List<DiscoveredEndpoint> reported) {
    ReportedEndpoints report = ReportedEndpoints.of(reported);
    if (health == Health.CLOSED) {
      return;
    }
    List<Endpoint> serving = report.serving();
    updates++;
    lastGoodNanos = ticker.nanoTime();
    if (health == Health.FAILING) {
      log.info(
          "Service '{}': discovery '{}' recovered after {} error(s); {} endpoints",
          service,
          name,
          errors,
          serving.size());
    }
    health = Health.UP_TO_DATE;
    lastReported = report;
    EndpointSet previous = current;
    if (previous != null && report.servesSameAs(previous.endpoints())) {
      return;
    }
    EndpointSet set = new EndpointSet(previous == null ? 1 : previous.version() + 1, serving);
    current = set;
    for (Listener l : listeners) {
      l.onEndpoints(set);
    }
  }

  private synchronized void applyError(String problem, @Nullable Throwable cause) {
    if (health == Health.CLOSED) {
      return;
    }
    errors++;
    lastProblem = requireNonNull(problem, "problem");
    if (health != Health.FAILING) {
      health = Health.FAILING;
      // Once per state change: a broken watch can fail every few milliseconds.
      log.warn(
          "Service '{}': discovery '{}' failed, keeping the last known set ({} endpoints): {}",
          service,
          name,
          current == null ? 0 : current.endpoints().size(),
          problem,
          cause);
    } else {
      log.debug("Service '{}': discovery '{}' still failing: {}", service, name, problem, cause);
    }
  }

  private final class Sink implements DiscoveryListener {
    @Override
    public void onEndpoints(List<DiscoveredEndpoint> endpoints) {
      applyEndpoints(endpoints);
    }

    @Override
    public void onError(String problem, @Nullable Throwable cause) {
      applyError(problem, cause);
    }
  }
}
