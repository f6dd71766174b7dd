package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.Durations;
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
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The machinery behind one {@code BallastHttpClient}: event loops, services, metrics and the calls
 * in flight (tracked so that {@link #close(Duration)} can drain them, then fail the rest instead of
 * leaving futures hanging). Thread-safe.
 *
 * <p><b>Shutdown.</b> {@code close} flips {@code closing} first, so every later call is rejected at
 * entry; a call that slipped past the check re-reads the flag after registering itself in {@code
 * active}, so each call is either rejected or seen by the drain (a Dekker pair on two volatile
 * accesses). The drain waits on {@code drainLock}, which the last ending call notifies.
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
  private final Duration defaultDrain;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private final Object drainLock = new Object();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean closing;

  private ClientCore(
      Transport transport,
      Map<String, ServiceRuntime> services,
      ClientMetrics metrics,
      Ticker ticker,
      Duration defaultDrain) {
    this.transport = transport;
    this.services = services;
    this.metrics = metrics;
    this.ticker = ticker;
    this.defaultDrain = defaultDrain;
  }

  /**
   * Starts a client. Everything started is stopped again if a later step fails.
   *
   * @param meterRegistry a Micrometer {@code MeterRegistry}, or null for no meters
   * @param drain how long {@link #close()} lets calls in flight finish
   */
  public static ClientCore start(
      List<ServiceDefinition> definitions,
      String zone,
      int threads,
      @Nullable Object meterRegistry,
      Ticker ticker,
      RandomSource random,
      Duration drain) {
    ClientMetrics metrics =
        meterRegistry == null ? ClientMetrics.NOOP : MicrometerClientMetrics.create(meterRegistry);
    Transport transport = new Transport(threads);
    Isolations isolations = new Isolations(transport::inEventLoop);
    metrics.bindIsolation(isolations.breakers(), isolations.bulkheads());
    Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    ClientCore core =
        new ClientCore(transport, Collections.unmodifiableMap(services), metrics, ticker, drain);
    try {
      for (ServiceDefinition def : definitions) {
        LbConfig lb = def.config().lb();
        if (lb.localZone().isEmpty() && !zone.isEmpty()) {
          lb = lb.toBuilder().localZone(zone).build();
        }
        ServiceRuntime svc =
            new ServiceRuntime(def, lb, core, transport, ticker, random, isolations);
        services.put(def.name(), svc);
        svc.start(def, ticker, random);
        svc.meters(metrics.bind(svc.loadBalancer()));
        // The balancer's control plane runs on its own thread: let the set-up it queued (pick
        // counting for the meters rebuilds the picker) finish before the first call, so calls
        // start on the picker they will keep.
        svc.loadBalancer().flush().join();
      }
    } catch (RuntimeException | Error e) {
      core.close(Duration.ZERO);
      throw e;
    }
    return core;
  }

  Ticker ticker() {
    return ticker;
  }

  /** The configured service names, in configuration order. */
  public Set<String> services() {
    return services.keySet();
  }

  /** The load balancer of {@code name}. */
  public LoadBalancer loadBalancer(String name) {
    return service(name).loadBalancer();
  }

  /** Connections of this client that are open as far as it knows (for tests and diagnostics). */
  public int openConnections() {
    return transport.openConnections();
  }

  /** The service {@code name} at run time. */
  ServiceRuntime service(String name) {
    ServiceRuntime svc = services.get(name);
    if (svc == null) {
      throw new IllegalArgumentException(
          "service: " + name + " (expected: one of " + services.keySet() + ")");
    }
    return svc;
  }

  /** See {@code BallastHttpClient.sendAsync}. */
  public CompletableFuture<ServiceResponse> sendAsync(ServiceRequest request) {
    CallFuture future = new CallFuture();
    BallastHttpException refused = begin(request, future);
    return refused == null ? future : CompletableFuture.failedFuture(refused);
  }

  /**
   * Registers and starts a call of {@code request} ending in {@code sink}; returns why it was
   * refused instead (client closing, bulkhead full, circuit open), in which case nothing was sent
   * and {@code sink} never hears of it.
   */
  private @Nullable BallastHttpException begin(ServiceRequest request, CallSink sink) {
    if (closing) {
      return rejected(request);
    }
    ServiceRuntime svc = service(request.service());
    ServiceIsolation isolation = svc.isolation();
    if (isolation.isActive()) {
      BallastHttpException refused = isolation.tryEnter(request);
      if (refused != null) {
        return refused;
      }
    }
    Call call = new Call(svc, request, sink);
    active.add(call);
    if (closing) {
      // close() may have swept the active calls before this one was added; a close() waiting for
      // the drain must learn that this one is gone too.
      isolation.exit(ServiceIsolation.Verdict.IGNORED, 0);
      onCallEnded(call);
      return rejected(request);
    }
    sink.attach(call);
    call.start();
    return null;
  }

  private BallastHttpException rejected(ServiceRequest request) {
    return new BallastHttpException(
        request.service(), FailureMessages.rejectedClosed(request, services.keySet()), null);
  }

  /**
   * See {@code BallastHttpClient.send}. The caller waits on a {@link BlockingReply} rather than a
   * future and accounts for the call itself once woken, so the event loop only reads the response
   * and wakes it. Interrupted, it abandons the call as cancelling {@code sendAsync}'s future does.
   */
  public ServiceResponse send(ServiceRequest request) {
    if (transport.inEventLoop()) {
      throw new IllegalStateException(
          "send() on a Ballast event-loop thread (expected: sendAsync() there; send() blocks)");
    }
    BlockingReply reply = new BlockingReply();
    BallastHttpException refused = begin(request, reply);
    if (refused != null) {
      throw refused;
    }
    Object r;
    try {
      r = reply.await();
    } catch (InterruptedException e) {
      Call c = reply.call();
      c.abort(
          new BallastHttpException(
              c.serviceName(), c.describe() + ": cancelled by the caller", null));
      reply.awaitUninterruptibly();
      Thread.currentThread().interrupt();
      throw new BallastHttpException(request.service(), request + ": interrupted", e);
    }
    if (r instanceof ServiceResponse response) {
      return response;
    }
    RuntimeException failure = (RuntimeException) r;
    if (failure instanceof BallastHttpException) {
      // Made on an event loop, delivered to this caller only: show the caller's stack instead.
      failure.fillInStackTrace();
    }
    throw failure;
  }

  void onCallEnded(Call call) {
    active.remove(call);
    if (closing && active.isEmpty()) {
      synchronized (drainLock) {
        drainLock.notifyAll();
      }
    }
  }

  /** Closes with the configured drain timeout; see {@link #close(Duration)}. */
  public void close() {
    close(defaultDrain);
  }

  /**
   * Rejects new calls at once, lets calls in flight finish for up to {@code drain}, fails the rest
   * with "client closed before the response arrived", then closes services, meters, connections and
   * loops. Idempotent: a later call waits for the first to finish (except on an event loop, which
   * must not block; there the drain is skipped too).
   */
  public void close(Duration drain) {
    synchronized (this) {
      if (closing) {
        if (!transport.inEventLoop()) {
          terminated.join();
        }
        return;
      }
      closing = true;
    }
    try {
      String why = awaitDrained(drain);
      for (Call c : new ArrayList<>(active)) {
        c.abortOnClose(why);
      }
      for (ServiceRuntime svc : services.values()) {
        svc.close();
      }
      metrics.close();
      transport.shutdown(SHUTDOWN_WAIT);
    } finally {
      terminated.complete(null);
    }
  }

  /**
   * Waits until no call is in flight or {@code drain} elapsed; returns why calls left must fail.
   */
  private String awaitDrained(Duration drain) {
    if (drain.isZero() || drain.isNegative()) {
      return "closed without a drain";
    }
    String elapsed = "drain timeout " + Durations.format(drain) + " elapsed";
    if (transport.inEventLoop()) {
      // The calls complete on these very loops: waiting here would wait for ever.
      return "closed on an event-loop thread, which cannot wait for a drain";
    }
    // A real wait on the wall clock: the injected ticker may be a test's frozen fake.
    long deadline = System.nanoTime() + drain.toNanos();
    synchronized (drainLock) {
      while (!active.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return elapsed;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(drainLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "drain interrupted";
        }
      }
    }
    return elapsed;
  }
}
