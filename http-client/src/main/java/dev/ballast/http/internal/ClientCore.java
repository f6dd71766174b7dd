package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The machinery behind one {@code BallastHttpClient}: event loops, services, metrics and the calls
 * in flight (tracked so that {@link #close()} can fail them instead of leaving futures hanging).
 * Thread-safe.
 */
// Netty's close() and schedule() futures are fire-and-forget here: failures surface through
// the channel's close listener or the attempt's own timeout, never through these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class ClientCore {
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final Transport transport;
  private final Map<String, ServiceRuntime> services;
  private final ClientMetrics metrics;
  private final Ticker ticker;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ClientCore(
      Transport transport,
      Map<String, ServiceRuntime> services,
      ClientMetrics metrics,
      Ticker ticker) {
    this.transport = transport;
    this.services = services;
    this.metrics = metrics;
    this.ticker = ticker;
  }

  /**
   * Starts a client. Everything started is stopped again if a later step fails.
   *
   * @param meterRegistry a Micrometer {@code MeterRegistry}, or null for no meters
   */
  public static ClientCore start(
      List<ServiceDefinition> definitions,
      String zone,
      int threads,
      @Nullable Object meterRegistry,
      Ticker ticker,
      RandomSource random) {
    ClientMetrics metrics =
        meterRegistry == null ? ClientMetrics.NOOP : MicrometerClientMetrics.create(meterRegistry);
    Transport transport = new Transport(threads);
    Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    ClientCore core =
        new ClientCore(transport, Collections.unmodifiableMap(services), metrics, ticker);
    try {
      for (ServiceDefinition def : definitions) {
        LbConfig lb = def.config().lb();
        if (lb.localZone().isEmpty() && !zone.isEmpty()) {
          lb = lb.toBuilder().localZone(zone).build();
        }
        ServiceRuntime svc = new ServiceRuntime(def, lb, core, transport, ticker, random);
        services.put(def.name(), svc);
        svc.start(def, ticker, random);
        metrics.bind(svc.loadBalancer());
      }
    } catch (RuntimeException | Error e) {
      core.close();
      throw e;
    }
    return core;
  }

  Ticker ticker() {
    return ticker;
  }

  ClientMetrics metrics() {
    return metrics;
  }

  /** The configured service names, in configuration order. */
  public Set<String> services() {
    return services.keySet();
  }

  /** The load balancer of {@code name}. */
  public LoadBalancer loadBalancer(String name) {
    return service(name).loadBalancer();
  }

  private ServiceRuntime service(String name) {
    ServiceRuntime svc = services.get(name);
    if (svc == null) {
      throw new IllegalArgumentException(
          "service: " + name + " (expected: one of " + services.keySet() + ")");
    }
    return svc;
  }

  /** See {@code BallastHttpClient.sendAsync}. */
  public CompletableFuture<ServiceResponse> sendAsync(ServiceRequest request) {
    if (closed) {
      throw new IllegalStateException("client closed (expected: send before close())");
    }
    ServiceRuntime svc = service(request.service());
    CompletableFuture<ServiceResponse> future = new CompletableFuture<>();
    Call call = new Call(svc, request, future);
    active.add(call);
    if (closed) {
      // close() may have swept the active calls before this one was added.
      active.remove(call);
      throw new IllegalStateException("client closed (expected: send before close())");
    }
    future.whenComplete(
        (r, t) -> {
          if (future.isCancelled()) {
            call.abort(
                new BallastHttpException(svc.name(), request + ": cancelled by the caller", null));
          }
        });
    call.start();
    return future;
  }

  /** See {@code BallastHttpClient.send}. */
  public ServiceResponse send(ServiceRequest request) {
    if (transport.inEventLoop()) {
      throw new IllegalStateException(
          "send() on a Ballast event-loop thread (expected: sendAsync() there; send() blocks)");
    }
    CompletableFuture<ServiceResponse> f = sendAsync(request);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(false);
      Thread.currentThread().interrupt();
      throw new BallastHttpException(request.service(), request + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof BallastHttpException be) {
        // Made on an event loop, delivered to this caller only: show the caller's stack instead.
        be.fillInStackTrace();
        throw be;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new BallastHttpException(request.service(), request + ": " + c, c);
    }
  }

  void onCallEnded(Call call) {
    active.remove(call);
  }

  /** Fails calls in flight, closes services, meters and loops. Idempotent. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Call c : new ArrayList<>(active)) {
      c.abort(new BallastHttpException(c.serviceName(), c.describe() + ": client closed", null));
    }
    for (ServiceRuntime svc : services.values()) {
      svc.close();
    }
    metrics.close();
    transport.shutdown(SHUTDOWN_WAIT);
  }
}
