package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured service at run time: its load balancer, its connection pools (one traffic pool and
 * one health pool per endpoint, created on first use, closed when the endpoint leaves the set), its
 * retry and hedge budgets and its TLS context.
 *
 * <p>Thread-safe. Endpoint sets arrive serialized from the source; pools are looked up lock-free.
 */
final class ServiceRuntime {
  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  /** Endpoint metadata key whose value {@code https} selects TLS. */
  static final String SCHEME = "scheme";

  private final String name;
  private final HttpServiceConfig config;
  private final ClientCore core;
  private final Transport transport;
  private final RetryBudget retryBudget;
  private final RetryBudget hedgeBudget;
  private final Backoff backoff;
  private final long requestTimeoutNanos;
  private final String requestTimeoutText;
  private final @Nullable Duration callTimeout;
  private final String callTimeoutText;
  private final ServiceIsolation isolation;
  private final ConcurrentHashMap<String, EndpointPool> pools = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, EndpointPool> healthPools = new ConcurrentHashMap<>();
  private volatile Map<String, Endpoint> current = Map.of();
  private volatile boolean closed;
  private volatile @Nullable SslContext ssl;
  private @Nullable AutoCloseable subscription;
  private @Nullable AutoCloseable departures;
  private @Nullable LoadBalancer lb;
  private ClientMetrics.ServiceMeters meters = ClientMetrics.ServiceMeters.NOOP;

  ServiceRuntime(
      ServiceDefinition def,
      LbConfig lbConfig,
      ClientCore core,
      Transport transport,
      Ticker ticker,
      RandomSource random,
      Isolations isolations) {
    this.name = def.name();
    this.config = def.config().toBuilder().lb(lbConfig).build();
    this.isolation = isolations.of(name, config, ticker);
    this.core = core;
    this.transport = transport;
    this.retryBudget = new RetryBudget(ticker, config.retryBudgetPercent(), 10);
    this.hedgeBudget = new RetryBudget(ticker, config.hedgeBudgetPercent(), 1);
    this.backoff = new Backoff(config.retryBackoff(), random);
    // Formatted once here: formatting a duration per attempt was a tenth of the call path's CPU.
    this.requestTimeoutNanos = config.requestTimeout().toNanos();
    this.requestTimeoutText =
        "timed out after " + Durations.format(config.requestTimeout()) + " (request-timeout)";
    this.callTimeout = config.callTimeout().orElse(null);
    this.callTimeoutText =
        callTimeout == null ? "call-timeout" : "call-timeout " + Durations.format(callTimeout);
  }

  /** Subscribes to the source and builds the load balancer; undone by {@link #close()}. */
  void start(ServiceDefinition def, Ticker ticker, RandomSource random) {
    // Our listener first: pools learn of a new endpoint before the balancer can pick it.
    subscription = def.source().subscribe(this::onEndpoints);
    if (config.tlsInsecureTrustAll() || config.tlsTrustCertificates().isPresent()) {
      // TLS settings given: https endpoints are expected, and a bad setting fails start-up.
      sslContext();
    }
    LoadBalancer.Builder b =
        LoadBalancer.builder(name)
            .config(config.lb())
            .source(def.source())
            .ticker(ticker)
            .random(random)
            .scheduler(new EventLoopScheduler(transport.group()))
            .controlExecutor(transport.control());
    config
        .healthCheckPath()
        .ifPresent(
            path ->
                b.healthProbe(
                    new HealthChecker(this, path, config.lb().healthCheckTimeout().toNanos())));
    LoadBalancer built = b.build();
    lb = built;
    // Our second listener, after the balancer's: the pools of endpoints that left close once the
    // balancer has applied the set that removed them. Closed earlier, a call queued for such an
    // endpoint failed over to a picker that still held only that endpoint, and ended with
    // "every endpoint already tried" although the new set had others (seen in CI).
    departures =
        def.source()
            .subscribe(set -> built.flush().whenComplete((done, failure) -> closeDeparted()));
  }

  /** Closes the pools of endpoints no longer in the current set. */
  private void closeDeparted() {
    Map<String, Endpoint> now = current;
    for (String id : pools.keySet()) {
      if (!now.containsKey(id)) {
        closePool(pools, id);
      }
    }
    for (String id : healthPools.keySet()) {
      if (!now.containsKey(id)) {
        closePool(healthPools, id);
      }
    }
  }

  String name() {
    return name;
  }

  HttpServiceConfig config() {
    return config;
  }

  LoadBalancer loadBalancer() {
    LoadBalancer l = lb;
    if (l == null) {
      throw new IllegalStateException("service '" + name + "' not started");
    }
    return l;
  }

  Ticker ticker() {
    return core.ticker();
  }

  /** This service's meters; set once by the core before the client is handed out. */
  ClientMetrics.ServiceMeters meters() {
    return meters;
  }

  void meters(ClientMetrics.ServiceMeters value) {
    meters = value;
  }

  /** {@code request-timeout} in nanoseconds. */
  long requestTimeoutNanos() {
    return requestTimeoutNanos;
  }

  /** The failure detail of an attempt that reached {@code request-timeout}. */
  String requestTimeoutText() {
    return requestTimeoutText;
  }

  /** The service's {@code call-timeout}; null when none. */
  @Nullable Duration callTimeout() {
    return callTimeout;
  }

  /** {@code call-timeout <duration>}, for messages. */
  String callTimeoutText() {
    return callTimeoutText;
  }

  /** The service's bulkhead and circuit breaker (either may be absent). */
  ServiceIsolation isolation() {
    return isolation;
  }

  RetryBudget retryBudget() {
    return retryBudget;
  }

  RetryBudget hedgeBudget() {
    return hedgeBudget;
  }

  boolean hedging() {
    return config.hedgeDelay().isPresent();
  }

  Backoff backoff() {
    return backoff;
  }

  /** How many endpoints the service has now. */
  int endpointCount() {
    return current.size();
  }

  /** Whether the endpoint with {@code id} is in the service's current set. */
  boolean hasEndpoint(String id) {
    return current.containsKey(id);
  }

  /** A loop for call timers (backoff, hedges). */
  EventLoop timerLoop() {
    return transport.next();
  }

  void onCallEnded(Call call) {
    core.onCallEnded(call);
  }

  /** The traffic pool of {@code e}; null when {@code e} is no longer in the service. */
  @Nullable EndpointPool pool(Endpoint e) {
    return poolIn(pools, e, config.maxConnectionsPerEndpoint(), config.maxPendingAcquires());
  }

  /** The one-connection health-check pool of {@code e}; null when {@code e} left the service. */
  @Nullable EndpointPool healthPool(Endpoint e) {
    return poolIn(healthPools, e, 1, 1);
  }

  private @Nullable EndpointPool poolIn(
      ConcurrentHashMap<String, EndpointPool> map, Endpoint e, int max, int maxPending) {
    EndpointPool p = map.get(e.id());
    if (p != null) {
      return p;
    }
    if (closed || !current.containsKey(e.id())) {
      return null;
    }
    p = map.computeIfAbsent(e.id(), id -> newPool(e, max, maxPending));
    // The endpoint may have left between the check and the insert: do not leak its pool.
    if (closed || !current.containsKey(e.id())) {
      if (map.remove(e.id(), p)) {
        p.close();
      }
      return null;
    }
    return p;
  }

  private EndpointPool newPool(Endpoint e, int max, int maxPending) {
    EventLoop loop = transport.next();
    // Built when the endpoint arrived (onEndpoints), never here: this runs on the call path, on a
    // retry or hedge timer's event loop, where loading trust material would stall the loop.
    SslContext sslContext = isTls(e) ? sslContext() : null;
    int maxResponse = config.maxResponseSize();
    ChannelInitializer<Channel> init =
        new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            transport.track(ch);
            ChannelPipeline p = ch.pipeline();
            if (sslContext != null) {
              p.addLast(sslContext.newHandler(ch.alloc(), e.host(), e.port()));
            }
            ResponseHandler handler = new ResponseHandler();
            p.addLast(handler.byteWatcher());
            p.addLast(new HttpClientCodec());
            p.addLast(new HttpObjectAggregator(maxResponse));
            p.addLast(handler);
          }
        };
    return new EndpointPool(
        e.id(),
        InetSocketAddress.createUnresolved(e.host(), e.port()),
        Attempt.hostHeader(e),
        loop,
        transport.bootstrap(loop, config.connectTimeout(), init),
        max,
        maxPending,
        config.idleTimeout(),
        config.nonIdempotentMaxIdle(),
        core.ticker());
  }

  static boolean isTls(Endpoint e) {
    return "https".equals(e.metadata().getOrDefault(SCHEME, "http").toLowerCase(Locale.ROOT));
  }

  /** Whether the TLS context exists; for tests. */
  boolean tlsReady() {
    return ssl != null;
  }

  private SslContext sslContext() {
    SslContext s = ssl;
    return s != null ? s : buildSslContext();
  }

  private synchronized SslContext buildSslContext() {
    SslContext s = ssl;
    if (s == null) {
      try {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (config.tlsInsecureTrustAll()) {
          log.warn(
              "Service '{}': tls.insecure-trust-all=true, server certificates are NOT verified",
              name);
          b.trustManager(InsecureTrustManagerFactory.INSTANCE)
              .endpointIdentificationAlgorithm(null);
        } else {
          b.endpointIdentificationAlgorithm("HTTPS");
          Path trust = config.tlsTrustCertificates().orElse(null);
          if (trust != null) {
            b.trustManager(trust.toFile());
          }
        }
        s = b.build();
      } catch (SSLException ex) {
        throw new IllegalStateException("service '" + name + "': TLS setup failed", ex);
      }
      ssl = s;
    }
    return s;
  }

  /**
   * Called serially by the source, before the balancer: closes the pools of endpoints that moved.
   */
  private void onEndpoints(EndpointSet set) {
    Map<String, Endpoint> next = new HashMap<>();
    boolean tls = false;
    for (Endpoint e : set.endpoints()) {
      next.put(e.id(), e);
      tls |= isTls(e);
    }
    if (tls && ssl == null) {
      // Here, before the balancer may pick an https endpoint: at start-up for the configured
      // endpoints, on the source's thread for discovered ones; never lazily on a call's path.
      sslContext();
    }
    Map<String, Endpoint> previous = current;
    current = Map.copyOf(next);
    for (Map.Entry<String, Endpoint> old : previous.entrySet()) {
      Endpoint now = next.get(old.getKey());
      // An endpoint that moved: its pool's connections go to the old address, close them now. One
      // that left keeps its pool until the balancer stops picking it (closeDeparted).
      if (now != null && !sameAddress(now, old.getValue())) {
        closePool(pools, old.getKey());
        closePool(healthPools, old.getKey());
      }
    }
  }

  private static boolean sameAddress(Endpoint a, Endpoint b) {
    return a.host().equals(b.host()) && a.port() == b.port() && isTls(a) == isTls(b);
  }

  private static void closePool(ConcurrentHashMap<String, EndpointPool> map, String id) {
    EndpointPool p = map.remove(id);
    if (p != null) {
      p.close();
    }
  }

  /** Stops the balancer, unsubscribes and closes every pool. Idempotent. */
  void close() {
    closed = true;
    isolation.close();
    unsubscribe(departures);
    unsubscribe(subscription);
    LoadBalancer l = lb;
    if (l != null) {
      l.close();
    }
    for (String id : pools.keySet()) {
      closePool(pools, id);
    }
    for (String id : healthPools.keySet()) {
      closePool(healthPools, id);
    }
  }

  private void unsubscribe(@Nullable AutoCloseable sub) {
    if (sub != null) {
      try {
        sub.close();
      } catch (Exception e) {
        log.debug("Service '{}': unsubscribing failed", name, e);
      }
    }
  }
}
