package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.HostileResponse;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceRequest;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a farm: a Netty HTTP/1.1 server on a loopback address ({@code 127.0.0.1} unless
 * told otherwise) bound to the farm's event loop group, with its faults, counters and open
 * connections.
 *
 * <p>Faults are one immutable {@link FaultState} behind a volatile field, read once per request;
 * {@link FaultArguments} checks what the setters are given. The server socket and the open
 * connections are an {@link InstanceListener}. {@link #start()}, {@link #stop()} and {@link
 * #close()} are serialized on this object; they block, so they must not be called from an event
 * loop thread.
 */
public final class NettyHttpInstance implements HttpInstance {

  private static final Logger log = LoggerFactory.getLogger(NettyHttpInstance.class);

  private final String id;
  private final String zone;
  private final String healthPath;
  private final String host;
  private final RequestCounters counters = new RequestCounters();
  private final RequestLog requestLog;
  private final InstanceListener listener;

  private volatile FaultState faults = FaultState.NONE;
  private final Workers workers = new Workers(Workers.UNLIMITED);
  private boolean closed;

  /**
   * Creates a stopped instance that {@link #start()} binds to {@code host:port}.
   *
   * @param id instance id
   * @param zone zone, empty for none
   * @param host a loopback IP address literal, e.g. {@code 127.0.0.2}
   * @param port the port, or 0 for an ephemeral one chosen at the first start
   * @param healthPath path that health checks use, starting with {@code /}
   * @param requestLogCapacity entries kept in the request log, at least 1
   * @param group the farm's event loop group
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
    this.healthPath = requireNonNull(healthPath, "healthPath");
    this.requestLog = new RequestLog(requestLogCapacity);
    this.listener = new InstanceListener(this, host, port, group);
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
    return listener.port();
  }

  @Override
  public URI uri() {
    return URI.create("http://" + host + ":" + port());
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
    return update(FaultArguments.latency(min, max));
  }

  @Override
  public HttpInstance respondWith(int status) {
    return respondWith(status, 1.0);
  }

  @Override
  public HttpInstance respondWith(int status, double fraction) {
    return update(FaultArguments.status(status, fraction));
  }

  @Override
  public HttpInstance healthStatus(int status) {
    return update(FaultArguments.healthStatus(status));
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
    return update(FaultArguments.idleClose(idle));
  }

  @Override
  public HttpInstance loseRequestsOnConnectionsIdleFor(Duration idle, boolean advertise) {
    return update(FaultArguments.idleRace(idle, advertise));
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

  @Override
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("instance " + id + " belongs to a closed farm");
    }
    listener.start();
  }

  @Override
  public synchronized void stop() {
    listener.stop();
  }

  /** Stops the instance for good: a later {@link #start()} fails. */
  public synchronized void close() {
    closed = true;
    stop();
  }

  @Override
  public boolean isRunning() {
    return listener.isListening();
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
    return listener.activeConnections();
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
