package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.HostileResponse;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceRequest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a farm: a Netty HTTP/1.1 server on a loopback address ({@code 127.0.0.1} unless
 * told otherwise) bound to the farm's event loop group, with its faults, counters and open
 * connections.
 *
 * <p>Faults are one immutable {@link FaultState} behind a volatile field, read once per request.
 * {@link #start()}, {@link #stop()} and {@link #close()} are serialized on this object; they block,
 * so they must not be called from an event loop thread.
 */
public final class NettyHttpInstance implements HttpInstance {

  private static final Logger log = LoggerFactory.getLogger(NettyHttpInstance.class);

  /** Largest request body an instance accepts (larger ones get 413). */
  private static final int MAX_CONTENT_BYTES = 1 << 20;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String id;
  private final String zone;
  private final String healthPath;
  private final String host;
  private final EventLoopGroup group;
  private final RequestCounters counters = new RequestCounters();
  private final RequestLog requestLog;
  private final AtomicLong connectionIds = new AtomicLong();
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

  private volatile FaultState faults = FaultState.NONE;
  private final Workers workers = new Workers(Workers.UNLIMITED);

  // Bumped by every start and stop; a connection accepted under an older bind closes itself, which
  // closes the race between stop() listing the connections and one still being registered.
  private volatile int generation;

  private volatile @Nullable Channel serverChannel;
  private volatile int port;
  private boolean closed;

  /**
   * Creates a stopped instance; {@link #start()} binds it to an ephemeral port the first time.
   *
   * @param id instance id
   * @param zone zone, empty for none
   * @param healthPath path that health checks use, starting with {@code /}
   * @param requestLogCapacity entries kept in the request log, at least 1
   * @param group the farm's event loop group
   */
  public NettyHttpInstance(
      String id, String zone, String healthPath, int requestLogCapacity, EventLoopGroup group) {
    this(id, zone, "127.0.0.1", 0, healthPath, requestLogCapacity, group);
  }

  /**
   * Creates a stopped instance that {@link #start()} binds to {@code host:port}.
   *
   * @param host a loopback IP address literal, e.g. {@code 127.0.0.2}
   * @param port the port, or 0 for an ephemeral one chosen at the first start
   */
  public NettyHttpInstance(
      String id,
      String zone,
      String host,
      int port,
      String healthPath,
      int requestLogCapacity,
      EventLoopGroup group) {
    this.id = requireNonNull(id, "id");
    this.zone = requireNonNull(zone, "zone");
    this.host = requireNonNull(host, "host");
    this.port = port;
    this.healthPath = requireNonNull(healthPath, "healthPath");
    this.group = requireNonNull(group, "group");
    this.requestLog = new RequestLog(requestLogCapacity);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String zone() {
    return zone;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public URI uri() {
    return URI.create("http://" + host + ":" + port);
  }

  @Override
  public String endpointSpec() {
    return zone.isEmpty() ? uri().toString() : uri() + ";zone=" + zone;
  }

  @Override
  public HttpInstance latency(Duration latency) {
    requireNonNull(latency, "latency");
    return latency(latency, latency);
  }

  @Override
  public HttpInstance latency(Duration min, Duration max) {
    requireNonNull(min, "min");
    requireNonNull(max, "max");
    if (min.isNegative()) {
      throw new IllegalArgumentException("latency: " + min + " (expected: >= 0)");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "latency: " + min + ".." + max + " (expected: min <= max)");
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    return update(f -> f.withLatency(minNanos, maxNanos));
  }

  @Override
  public HttpInstance respondWith(int status) {
    return respondWith(status, 1.0);
  }

  @Override
  public HttpInstance respondWith(int status, double fraction) {
    checkStatus("status", status);
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction: " + fraction + " (expected: 0.0..1.0)");
    }
    return update(f -> f.withStatus(status, fraction));
  }

  @Override
  public HttpInstance healthStatus(int status) {
    checkStatus("healthStatus", status);
    return update(f -> f.withHealthStatus(status));
  }

  @Override
  public HttpInstance hang(boolean hang) {
    return update(f -> f.withHang(hang));
  }

  @Override
  public HttpInstance reset(boolean reset) {
    return update(f -> f.withReset(reset));
  }

  @Override
  public HttpInstance respondHostile(HostileResponse response) {
    requireNonNull(response, "response");
    return update(f -> f.withHostile(response));
  }

  @Override
  public HttpInstance closeIdleConnectionsAfter(Duration idle) {
    requireNonNull(idle, "idle");
    if (idle.isNegative()) {
      throw new IllegalArgumentException("idle: " + idle + " (expected: >= 0)");
    }
    long nanos = idle.toNanos();
    return update(f -> f.withIdleClose(nanos));
  }

  @Override
  public HttpInstance loseRequestsOnConnectionsIdleFor(Duration idle, boolean advertise) {
    requireNonNull(idle, "idle");
    if (idle.isNegative()) {
      throw new IllegalArgumentException("idle: " + idle + " (expected: >= 0)");
    }
    FaultState.IdleRace race = new FaultState.IdleRace(idle.toNanos(), advertise);
    return update(f -> f.withIdleRace(race));
  }

  @Override
  public HttpInstance clearFaults() {
    return update(f -> FaultState.NONE);
  }

  @Override
  public HttpInstance concurrencyLimit(int limit) {
    workers.limit(limit);
    log.debug("Instance {} concurrency limit {}", id, limit == 0 ? "none" : limit);
    return this;
  }

  @Override
  public int concurrencyLimit() {
    return workers.limit();
  }

  @Override
  public int requestsInService() {
    return workers.busy();
  }

  @Override
  public int queueDepth() {
    return workers.queueDepth();
  }

  @Override
  public long queuedRequestCount() {
    return workers.queuedTotal();
  }

  @Override
  public int maxQueueDepth() {
    return workers.maxQueueDepth();
  }

  private synchronized HttpInstance update(UnaryOperator<FaultState> change) {
    faults = change.apply(faults);
    log.debug("Instance {} {}", id, faults);
    return this;
  }

  private static void checkStatus(String name, int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException(name + ": " + status + " (expected: 200..599)");
    }
  }

  @Override
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("instance " + id + " belongs to a closed farm");
    }
    if (serverChannel != null) {
      return;
    }
    int bindGeneration = ++generation;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            // Rebinding the same port after stop() must not wait for TIME_WAIT connections.
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    accept(channel, bindGeneration);
                  }
                });
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IllegalStateException(
          "port: " + port + " (expected: free to bind for instance " + id + ")", bound.cause());
    }
    Channel channel = bound.channel();
    port = ((InetSocketAddress) channel.localAddress()).getPort();
    serverChannel = channel;
    log.debug("Instance {} listening on {}", id, endpointSpec());
  }

  private void accept(SocketChannel channel, int bindGeneration) {
    connections.add(channel);
    channel.closeFuture().addListener(f -> connections.remove(channel));
    if (bindGeneration != generation) {
      channel.close();
      return;
    }
    channel
        .pipeline()
        .addLast(new HttpServerCodec())
        .addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES))
        .addLast(new InstanceChannelHandler(this, connectionIds.incrementAndGet()));
  }

  @Override
  public synchronized void stop() {
    Channel channel = serverChannel;
    if (channel == null) {
      return;
    }
    generation++;
    serverChannel = null;
    List<ChannelFuture> closing = new ArrayList<>();
    closing.add(channel.close());
    for (Channel connection : connections) {
      closing.add(connection.close());
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    for (ChannelFuture future : closing) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!future.awaitUninterruptibly(left / 1_000_000L)) {
        log.warn("Instance {}: {} did not close within {}", id, future.channel(), CLOSE_TIMEOUT);
      }
    }
    awaitListenerClosed(deadline);
    log.debug("Instance {} stopped", id);
  }

  // A NIO server channel registered with a selector keeps listening until the event loop's next
  // select deregisters it, after the close future has completed; a connect in that window would
  // still succeed. Binding a plain (never listening) socket to the port fails exactly while a
  // listener holds it, so it tells when the port really stopped accepting.
  private void awaitListenerClosed(long deadlineNanos) {
    while (true) {
      try (Socket probe = new Socket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port));
        return;
      } catch (IOException stillListening) {
        if (System.nanoTime() - deadlineNanos > 0) {
          log.warn("Instance {}: port {} still listening {} after stop", id, port, CLOSE_TIMEOUT);
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
  }

  /** Stops the instance for good: a later {@link #start()} fails. */
  public synchronized void close() {
    closed = true;
    stop();
  }

  @Override
  public boolean isRunning() {
    return serverChannel != null;
  }

  @Override
  public long requestCount() {
    return counters.total();
  }

  @Override
  public long requestCount(String method) {
    return counters.byMethod(requireNonNull(method, "method"));
  }

  @Override
  public void mark() {
    counters.mark();
  }

  @Override
  public long countSinceMark() {
    return counters.sinceMark();
  }

  @Override
  public long healthCheckCount() {
    return counters.healthChecks();
  }

  @Override
  public List<HttpInstanceRequest> requestLog() {
    return requestLog.snapshot();
  }

  @Override
  public void resetCounters() {
    counters.reset();
    requestLog.clear();
    workers.resetCounters();
  }

  @Override
  public int activeConnections() {
    return connections.size();
  }

  FaultState faults() {
    return faults;
  }

  Workers workers() {
    return workers;
  }

  boolean isHealthPath(String requestTarget) {
    int query = requestTarget.indexOf('?');
    int end = query < 0 ? requestTarget.length() : query;
    return end == healthPath.length() && requestTarget.startsWith(healthPath);
  }

  void record(
      long timestampNanos,
      String method,
      String path,
      int status,
      long connectionId,
      boolean healthCheck) {
    if (healthCheck) {
      counters.countHealthCheck();
    } else {
      counters.countRequest(method);
    }
    requestLog.add(timestampNanos, method, path, status, connectionId, healthCheck);
  }

  @Override
  public String toString() {
    return "HttpInstance[" + endpointSpec() + (isRunning() ? "" : " stopped") + " " + faults + "]";
  }
}
