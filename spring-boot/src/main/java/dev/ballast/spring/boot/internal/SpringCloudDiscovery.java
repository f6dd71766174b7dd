package dev.ballast.spring.boot.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * One service's instances from the application's Spring Cloud {@link DiscoveryClient}. The first
 * fetch runs in {@link #start} (a client has a set before its first call); later ones run on one
 * daemon thread per service ({@code ballast-spring-cloud-<service>}), when Spring Cloud announces a
 * {@code HeartbeatEvent} (its registry changed or was re-read) and, as a fallback for registries
 * that publish none, whenever {@code refresh-interval} passed without a fetch. Heartbeats that
 * arrive while a fetch is queued are merged into it.
 *
 * <p>A {@code DiscoveryClient} that throws (registry unreachable) is reported to the listener as an
 * error, so the client keeps the last good set; an empty list is a healthy answer (scaled to zero).
 * Fetches run one at a time on that thread, so sets reach the listener in the order fetched.
 */
final class SpringCloudDiscovery implements Discovery {
  private static final Logger log = LoggerFactory.getLogger(SpringCloudDiscovery.class);

  private final String service;
  private final String serviceId;
  private final String zoneKey;
  private final String weightKey;
  private final Duration refreshInterval;
  private final Supplier<DiscoveryClient> clients;
  private final Set<Running> running;
  private final Ticker ticker;

  SpringCloudDiscovery(
      String service,
      String serviceId,
      String zoneKey,
      String weightKey,
      Duration refreshInterval,
      Supplier<DiscoveryClient> clients,
      Set<Running> running,
      Ticker ticker) {
    this.service = requireNonNull(service, "service");
    this.serviceId = requireNonNull(serviceId, "serviceId");
    this.zoneKey = requireNonNull(zoneKey, "zoneKey");
    this.weightKey = requireNonNull(weightKey, "weightKey");
    this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval");
    this.clients = requireNonNull(clients, "clients");
    this.running = requireNonNull(running, "running");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public AutoCloseable start(DiscoveryListener listener) {
    Running r = new Running(clients.get(), listener);
    r.fetch();
    r.schedule();
    running.add(r);
    return r;
  }

  /** A started discovery: what a heartbeat refreshes. Thread-safe. */
  final class Running implements AutoCloseable {
    private final DiscoveryClient client;
    private final DiscoveryListener listener;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();
    // Problems of single instances already logged, so a registry re-read every 30 s repeats none.
    private final Set<String> logged = new HashSet<>();
    private volatile long lastFetchNanos;

    Running(DiscoveryClient client, DiscoveryListener listener) {
      this.client = requireNonNull(client, "client");
      this.listener = listener;
      this.executor =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread t = new Thread(task, "ballast-spring-cloud-" + service);
                t.setDaemon(true);
                return t;
              });
    }

    void schedule() {
      long tick = Math.max(1, refreshInterval.toMillis() / 2);
      executor.scheduleWithFixedDelay(this::fallback, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Queues a fetch (merged with one already queued); called on Spring's event thread. */
    void refreshSoon() {
      if (queued.compareAndSet(false, true)) {
        try {
          executor.execute(
              () -> {
                queued.set(false);
                fetch();
              });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          queued.set(false);
        }
      }
    }

    private void fallback() {
      if (ticker.nanoTime() - lastFetchNanos >= refreshInterval.toNanos()) {
        fetch();
      }
    }

    // Each fetch runs on the executor's one thread (the first one before it starts).
    void fetch() {
      lastFetchNanos = ticker.nanoTime();
      List<ServiceInstance> instances;
      try {
        instances = client.getInstances(serviceId);
      } catch (RuntimeException e) {
        listener.onError(
            "DiscoveryClient '"
                + client.description()
                + "' failed for service id '"
                + serviceId
                + "': "
                + e,
            e);
        return;
      }
      if (instances == null) {
        listener.onError(
            "DiscoveryClient '"
                + client.description()
                + "' returned null for service id '"
                + serviceId
                + "'",
            null);
        return;
      }
      List<DiscoveredEndpoint> endpoints =
          ServiceInstances.toEndpoints(instances, zoneKey, weightKey, this::logOnce);
      listener.onEndpoints(endpoints);
    }

    private void logOnce(String problem) {
      if (logged.add(problem)) {
        log.warn("Service '{}' (Spring Cloud service id '{}'): {}", service, serviceId, problem);
      }
    }

    @Override
    public void close() {
      running.remove(this);
      executor.shutdownNow();
    }
  }
}
