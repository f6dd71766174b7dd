package dev.ballast.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One local HTTP/1.1 server of an {@link HttpInstanceFarm}: a real Netty server on {@code
 * 127.0.0.1} with an id, a zone, switchable faults and request counters.
 *
 * <p><b>Default behaviour.</b> Any method and any path answers {@code 200} with the instance id as
 * a {@code text/plain} body and the headers {@code X-Instance} (id), {@code X-Zone} (zone) and
 * {@code X-Method} (the request method echoed). The farm's health path answers {@code 200} with the
 * same body. Connections are kept alive unless the client asks otherwise.
 *
 * <p><b>Faults.</b> Every fault setter takes effect for requests read after it returns, from any
 * thread; faults combine (a request can be both delayed and answered with {@code 503}). The health
 * path ignores {@linkplain #latency(Duration) latency} and {@linkplain #respondWith(int) status}
 * faults and answers {@linkplain #healthStatus(int) its own status} at once, so a test can make an
 * instance slow or failing for traffic while health checks still pass, or the other way round;
 * {@linkplain #hang(boolean) hang}, {@linkplain #reset(boolean) reset} and {@linkplain #stop()
 * stop} affect health checks too, as they would for a real broken process. Latency is scheduled on
 * the connection's event loop, never by blocking it.
 *
 * <p><b>Capacity.</b> By default an instance serves every request at once; {@link
 * #concurrencyLimit(int)} gives it a bounded number of workers and a FIFO queue, so that load near
 * its capacity shows queueing delay.
 *
 * <p><b>Counters.</b> {@link #requestCount()} and the per-method counts exclude health checks,
 * which {@link #healthCheckCount()} counts; both include hung and reset requests. A request is
 * counted before any byte of its response is written.
 *
 * <p>All methods are thread-safe. Arguments are never null.
 */
public interface HttpInstance {

  /** {@return the instance id, unique within the farm} */
  String id();

  /** {@return the zone, or the empty string when the instance has none} */
  String zone();

  /**
   * {@return the loopback address the instance listens on: {@code "127.0.0.1"} unless the farm was
   * told another ({@link HttpInstanceFarm.Builder#instance(String, String, String, int)})}
   */
  String host();

  /** {@return the bound port; it stays the same across {@link #stop()} and {@link #start()}} */
  int port();

  /** {@return {@code http://<host>:<port>}} */
  URI uri();

  /**
   * {@return this instance in Ballast's endpoint list syntax: {@code
   * http://<host>:<port>;zone=<zone>}, or without the zone part when the zone is empty}
   */
  String endpointSpec();

  /**
   * Delays every non-health response by a fixed extra time; {@link Duration#ZERO} removes the
   * latency.
   *
   * @param latency the delays every non-health response by a fixed extra time; {@link
   *     Duration#ZERO} removes the latency
   * @throws IllegalArgumentException when {@code latency} is negative
   * @return this instance
   */
  HttpInstance latency(Duration latency);

  /**
   * Delays every non-health response by an extra time drawn uniformly from {@code [min, max]}
   * (nanosecond resolution). Responses on one connection keep their order.
   *
   * @param min the shortest added latency
   * @param max the longest added latency
   * @throws IllegalArgumentException when {@code min} is negative or greater than {@code max}
   * @return this instance
   */
  HttpInstance latency(Duration min, Duration max);

  /**
   * Answers every non-health request with {@code status}; {@code 200} restores the default.
   *
   * @param status an HTTP status in {@code 200..599}
   * @throws IllegalArgumentException when {@code status} is out of range
   * @return this instance
   */
  HttpInstance respondWith(int status);

  /**
   * Answers a deterministic {@code fraction} of non-health requests with {@code status} and the
   * others with {@code 200}. The choice is made by a counter, not a random draw: among the first
   * {@code n} requests after this call, exactly {@code floor(n * fraction)} get {@code status},
   * spread evenly (0.5 alternates, starting with {@code 200}).
   *
   * @param status an HTTP status in {@code 200..599}
   * @param fraction in {@code [0.0, 1.0]}, used to a millionth
   * @throws IllegalArgumentException when an argument is out of range
   * @return this instance
   */
  HttpInstance respondWith(int status, double fraction);

  /**
   * Sets the status that the health path answers (default {@code 200}).
   *
   * @param status an HTTP status in {@code 200..599}
   * @throws IllegalArgumentException when {@code status} is out of range
   * @return this instance
   */
  HttpInstance healthStatus(int status);

  /**
   * When {@code true}, every request (health checks included) is read and never answered; the
   * connection stays open until the client gives up or the instance stops.
   *
   * @param hang when {@code true}, every request (health checks included) is read and never
   *     answered; the connection stays open until the client gives up or the instance stops
   * @return this instance
   */
  HttpInstance hang(boolean hang);

  /**
   * When {@code true}, every request (health checks included) is read and its connection is then
   * closed with {@code SO_LINGER 0}, so the client sees a TCP reset instead of a response.
   *
   * @param reset when {@code true}, every request (health checks included) is read and its
   *     connection is then closed with {@code SO_LINGER 0}, so the client sees a TCP reset instead
   *     of a response
   * @return this instance
   */
  HttpInstance reset(boolean reset);

  /**
   * Answers every non-health request with {@code response}, a reply that breaks HTTP/1.1 (see
   * {@link HostileResponse}); {@link HostileResponse#NONE} restores proper answers. Health checks
   * are answered properly, so a test can keep an instance in the balancer while it misbehaves.
   * Latency and status faults do not apply to a hostile reply, which starts at once; {@linkplain
   * #hang(boolean) hang} and {@linkplain #reset(boolean) reset} take precedence over it.
   *
   * @param response the hostile response to send
   * @return this instance
   */
  HttpInstance respondHostile(HostileResponse response);

  /**
   * Closes an accepted connection (with FIN, as a server's keep-alive timeout does) once it has
   * been idle for {@code idle}: no request read and no response pending since its last response was
   * written, or since it was accepted. The setting is read when a connection becomes idle, so it
   * applies to connections that become idle after this call; {@link Duration#ZERO} (the default)
   * keeps idle connections open. A request that arrives just as the server closes is lost with the
   * connection, as with a real server: that race is what this fault lets a test provoke.
   *
   * @param idle how long a connection may be idle
   * @throws IllegalArgumentException when {@code idle} is negative
   * @return this instance
   */
  HttpInstance closeIdleConnectionsAfter(Duration idle);

  /**
   * Makes deterministic the race that {@link #closeIdleConnectionsAfter(Duration)} can only
   * provoke: a server whose keep-alive timeout of {@code idle} fires just as the client's next
   * request arrives. A connection idle for {@code idle} or longer (no request read and no response
   * pending since its last response was written; a new connection's first request is not concerned)
   * stays open, but the next request that arrives on it is discarded, neither recorded nor
   * answered, and the connection is closed with FIN: what a client sees when its request crosses
   * the FIN of a server that never read it. With {@code advertise}, keep-alive responses carry
   * {@code Keep-Alive: timeout=<idle in whole seconds, rounded down>}, as servers that announce
   * their timeout do. {@link Duration#ZERO} (the default) turns it off; health checks are subject
   * to it too.
   *
   * @param idle the keep-alive timeout that loses the race
   * @param advertise whether responses announce the timeout in a {@code Keep-Alive} header
   * @throws IllegalArgumentException when {@code idle} is negative
   * @return this instance
   */
  HttpInstance loseRequestsOnConnectionsIdleFor(Duration idle, boolean advertise);

  /**
   * Bounds the number of non-health requests this instance serves at once, as a server with a
   * thread pool of {@code limit} threads does: a request holds one of the {@code limit} workers for
   * its service time, the {@linkplain #latency(Duration) latency} in effect when it gets the worker
   * (a queued request's work has not begun), and a request that finds every worker busy waits in
   * one FIFO queue shared by all connections, so it answers after its queueing delay plus its
   * latency. {@code 0} (the default unless {@link HttpInstanceFarm.Builder#concurrencyLimit(int)}
   * says otherwise) serves every request at once.
   *
   * <p>Takes effect at once, also for requests already queued: requests in service keep their
   * worker; after an increase queued requests start on the new workers, after a decrease they wait
   * until fewer than {@code limit} are in service. A queued request whose connection closes is
   * dropped from the queue; one in service keeps its worker until its latency ends, as a real
   * server's thread finishes work nobody waits for any more. Health checks, and requests that
   * {@linkplain #hang(boolean) hang}, {@linkplain #reset(boolean) reset} or get a {@linkplain
   * #respondHostile(HostileResponse) hostile} answer, bypass the workers. Not a fault: {@link
   * #clearFaults()} keeps it.
   *
   * @param limit the number of workers, at least 1, or {@code 0} for no limit
   * @throws IllegalArgumentException when {@code limit} is negative
   * @return this instance
   */
  HttpInstance concurrencyLimit(int limit);

  /** {@return the number of workers ({@link #concurrencyLimit(int)}), or {@code 0} for no limit} */
  int concurrencyLimit();

  /**
   * {@return the number of requests holding a worker now (at most the {@linkplain
   * #concurrencyLimit() limit}); always {@code 0} without a limit}
   */
  int requestsInService();

  /** {@return the number of requests waiting for a worker now} */
  int queueDepth();

  /**
   * {@return the number of requests that found every worker busy and had to queue, since the last
   * reset of the counters}
   */
  long queuedRequestCount();

  /** {@return the largest {@link #queueDepth()} seen since the last reset of the counters} */
  int maxQueueDepth();

  /**
   * Removes every fault: no latency, status {@code 200}, health status {@code 200}, no hang, no
   * reset, no hostile response, idle connections kept open and no idle race. Does not start a
   * stopped instance.
   *
   * @return this instance
   */
  HttpInstance clearFaults();

  /**
   * Closes the listening socket and every accepted connection, so new connections are refused and
   * in-flight requests die. Returns once they are closed; does nothing when already stopped.
   */
  void stop();

  /**
   * Listens again on the same port (with {@code SO_REUSEADDR}). Returns once bound; does nothing
   * when already running.
   *
   * @throws IllegalStateException when the port cannot be bound again or the farm is closed
   */
  void start();

  /** {@return whether the instance is listening} */
  boolean isRunning();

  /** {@return the number of non-health requests read since the last reset of the counters} */
  long requestCount();

  /**
   * {@return the number of non-health requests with {@code method} (case-sensitive, e.g. {@code
   * "GET"}) since the last reset of the counters}
   *
   * @param method the HTTP method
   */
  long requestCount(String method);

  /** Remembers the current {@link #requestCount()} for {@link #countSinceMark()}. */
  void mark();

  /** {@return the non-health requests read since the last {@link #mark()} (or reset)} */
  long countSinceMark();

  /** {@return the number of health-path requests read since the last reset of the counters} */
  long healthCheckCount();

  /**
   * {@return a snapshot of the most recent requests (health checks included), oldest first; the log
   * is bounded by {@link HttpInstanceFarm.Builder#requestLogCapacity(int)}}
   */
  List<HttpInstanceRequest> requestLog();

  /**
   * Sets every counter, the mark and the request log back to zero and empty; the {@linkplain
   * #maxQueueDepth() largest queue depth} restarts from the current depth.
   */
  void resetCounters();

  /**
   * {@return the number of accepted connections that are open on the server side} A connection
   * closed by the client leaves this count shortly after (once the server's event loop has seen the
   * close), so poll for an expected value rather than reading it once.
   */
  int activeConnections();
}
