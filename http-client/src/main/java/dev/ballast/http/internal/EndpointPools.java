package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The connection pools of one service's endpoints: one traffic pool and one one-connection health
 * pool per endpoint, created on first use. A pool closes when its endpoint moves to another address
 * (at once), when its endpoint leaves the set (once the balancer stops picking it), or when the
 * service closes.
 *
 * <p>Thread-safe. Endpoint sets arrive serialized from the source; pools are looked up lock-free.
 */
final class EndpointPools {
  private final HttpServiceConfig config;
  private final Transport transport;
  private final ServiceTls tls;
  private final Ticker ticker;
  private final ConcurrentHashMap<String, EndpointPool> pools = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, EndpointPool> healthPools = new ConcurrentHashMap<>();
  private volatile Map<String, Endpoint> current = Map.of();
  private volatile boolean closed;

  EndpointPools(HttpServiceConfig config, Transport transport, ServiceTls tls, Ticker ticker) {
    this.config = config;
    this.transport = transport;
    this.tls = tls;
    this.ticker = ticker;
  }

  /** How many endpoints the service has now. */
  int endpointCount() {
    return current.size();
  }

  /** Whether the endpoint with {@code id} is in the service's current set. */
  boolean hasEndpoint(String id) {
    return current.containsKey(id);
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
    SslContext sslContext = ServiceTls.isTls(e) ? tls.context() : null;
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
        WireRequest.hostHeader(e),
        loop,
        transport.bootstrap(loop, config.connectTimeout(), init),
        max,
        maxPending,
        config.idleTimeout(),
        config.nonIdempotentMaxIdle(),
        ticker);
  }

  /**
   * Called serially by the source, before the balancer: closes the pools of endpoints that moved.
   */
  void onEndpoints(EndpointSet set) {
    Map<String, Endpoint> next = new HashMap<>();
    boolean anyTls = false;
    for (Endpoint e : set.endpoints()) {
      next.put(e.id(), e);
      anyTls |= ServiceTls.isTls(e);
    }
    if (anyTls && !tls.ready()) {
      // Here, before the balancer may pick an https endpoint: at start-up for the configured
      // endpoints, on the source's thread for discovered ones; never lazily on a call's path.
      tls.context();
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

  /** Closes the pools of endpoints no longer in the current set. */
  void closeDeparted() {
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

  /** From now on no pool is created; the existing ones stay open until {@link #closeAll()}. */
  void stopCreating() {
    closed = true;
  }

  /** Closes every pool. */
  void closeAll() {
    for (String id : pools.keySet()) {
      closePool(pools, id);
    }
    for (String id : healthPools.keySet()) {
      closePool(healthPools, id);
    }
  }

  private static boolean sameAddress(Endpoint a, Endpoint b) {
    return a.host().equals(b.host())
        && a.port() == b.port()
        && ServiceTls.isTls(a) == ServiceTls.isTls(b);
  }

  private static void closePool(ConcurrentHashMap<String, EndpointPool> map, String id) {
    EndpointPool p = map.remove(id);
    if (p != null) {
      p.close();
    }
  }
}
