package dev.ballast.testkit;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.internal.http.FarmDeclaration;
import dev.ballast.testkit.internal.http.FarmEventLoop;
import dev.ballast.testkit.internal.http.FarmInstances;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A farm of local HTTP/1.1 instances for tests and benchmarks: real Netty servers on {@code
 * 127.0.0.1}, each on its own ephemeral port (or on a loopback address and port of the test's
 * choice), with an id, a zone, run-time faults and request counters (see {@link HttpInstance}).
 *
 * <pre>{@code
 * try (HttpInstanceFarm farm =
 *     HttpInstanceFarm.builder().instances(6).zones("a", "a", "b", "b", "c", "c").build()) {
 *   farm.instance("b1").latency(Duration.ofMillis(200));
 *   String endpoints = farm.endpointSpecs(); // for ballast.http.services.<name>.endpoints
 * }
 * }</pre>
 *
 * <p>All instances share one NIO event loop group of {@link Builder#ioThreads(int)} daemon threads
 * named {@code ballast-<name>-io-<n>}. {@link #close()} closes every server and connection, frees
 * every port and waits (bounded) for those threads to end.
 *
 * <p>Thread-safe. Lifecycle methods ({@link #close()}, {@link HttpInstance#stop()}, {@link
 * HttpInstance#start()}) block and must not be called from a farm event loop thread.
 */
public final class HttpInstanceFarm implements AutoCloseable {

  private static final AtomicInteger FARMS = new AtomicInteger();
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final String healthPath;
  private final FarmEventLoop eventLoop;
  private final FarmInstances instances;
  private boolean closed;

  private HttpInstanceFarm(FarmDeclaration declaration, List<FarmDeclaration.Declared> declared) {
    String named = declaration.name();
    this.name = named != null ? named : "http-farm-" + FARMS.incrementAndGet();
    this.healthPath = declaration.healthPath();
    this.eventLoop = new FarmEventLoop(declaration.ioThreads(), "ballast-" + name + "-io");
    this.instances = new FarmInstances(declaration, declared, eventLoop.group());
  }

  /** {@return a builder for a farm; see {@link Builder} for the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  private HttpInstanceFarm startAll() {
    try {
      instances.startAll();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** {@return the farm's name, part of its thread names} */
  public String name() {
    return name;
  }

  /** {@return the path that health checks use, e.g. {@code /health}} */
  public String healthPath() {
    return healthPath;
  }

  /** {@return every instance, in the order the builder declared them; the list is immutable} */
  public List<HttpInstance> instances() {
    return instances.all();
  }

  /**
   * {@return the instance with {@code id}}
   *
   * @param id the instance's id
   * @throws IllegalArgumentException when no instance has that id
   */
  public HttpInstance instance(String id) {
    return instances.byId(id);
  }

  /**
   * {@return the instances in {@code zone}, in declaration order; empty when there are none}
   *
   * @param zone the zone
   */
  public List<HttpInstance> instancesInZone(String zone) {
    return instances.inZone(zone);
  }

  /**
   * {@return every instance's {@link HttpInstance#endpointSpec()} joined by {@code ", "}: a value
   * for {@code ballast.http.services.<service>.endpoints}}
   */
  public String endpointSpecs() {
    return instances.all().stream()
        .map(HttpInstance::endpointSpec)
        .collect(Collectors.joining(", "));
  }

  /** {@return the sum of {@link HttpInstance#requestCount()} over all instances} */
  public long totalRequests() {
    return instances.totalRequests();
  }

  /** Calls {@link HttpInstance#resetCounters()} on every instance. */
  public void resetCounters() {
    instances.all().forEach(HttpInstance::resetCounters);
  }

  /** Calls {@link HttpInstance#clearFaults()} on every instance. */
  public void clearFaults() {
    instances.all().forEach(HttpInstance::clearFaults);
  }

  /** Starts every stopped instance on its own port, as {@link HttpInstance#start()} does. */
  public void startAllInstances() {
    instances.all().forEach(HttpInstance::start);
  }

  /**
   * Closes every instance and connection, frees every port and ends the farm's threads, waiting at
   * most about 10 seconds. Idempotent; instances cannot be started again afterwards.
   *
   * @throws IllegalStateException when the threads did not end in time
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    instances.closeAll();
    if (!eventLoop.shutdown(SHUTDOWN_TIMEOUT)) {
      throw new IllegalStateException(
          "farm " + name + ": event loop threads still running after " + SHUTDOWN_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "HttpInstanceFarm[" + name + " " + instances.all() + "]";
  }

  /**
   * Declares the instances of a farm, either as a count ({@link #instances(int)}, optionally with
   * {@link #zones(String...)}) or one by one ({@link #instance(String, String)}), never both.
   *
   * <p>Defaults: health path {@code /health}, 2 I/O threads, 10 000 request log entries per
   * instance. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final FarmDeclaration declaration = new FarmDeclaration();

    private Builder() {}

    /**
     * Declares {@code count} instances. Their ids are {@code <zone><k>}, {@code k} counting from 1
     * within each zone ({@code a1, a2, b1, …}) when {@link #zones(String...)} is given, else {@code
     * i1, i2, …} with the empty zone.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder instances(int count) {
      declaration.count(count);
      return this;
    }

    /**
     * Gives the zones of the instances declared by {@link #instances(int)}, one per instance in
     * order; with no {@code instances(int)}, declares one instance per zone.
     *
     * @param zones the gives the zones of the instances declared by {@link #instances(int)}, one
     *     per instance in order; with no {@code instances(int)}, declares one instance per zone
     * @return this builder
     */
    public Builder zones(String... zones) {
      requireNonNull(zones, "zones");
      declaration.zones(List.of(zones));
      return this;
    }

    /**
     * Declares one instance.
     *
     * @param id non-empty, unique within the farm
     * @param zone the zone, or empty for none
     * @return this builder
     */
    public Builder instance(String id, String zone) {
      return instance(id, zone, FarmDeclaration.DEFAULT_HOST, 0);
    }

    /**
     * Declares one instance listening on {@code host:port}: several instances can share a port on
     * different loopback addresses (all of {@code 127.0.0.0/8} is loopback on Linux), as the
     * instances behind a DNS name that gives only addresses do.
     *
     * @param id non-empty, unique within the farm
     * @param zone the zone, or empty for none
     * @param host a loopback IP address literal, e.g. {@code 127.0.0.2} or {@code ::1}
     * @param port {@code 0..65535}; 0 picks an ephemeral port at the first start
     * @return this builder
     */
    public Builder instance(String id, String zone, String host, int port) {
      declaration.add(id, zone, host, port);
      return this;
    }

    /**
     * Sets the path answered as a health check (default {@code /health}); the query string is
     * ignored when matching.
     *
     * @param path starting with {@code /}
     * @return this builder
     */
    public Builder healthPath(String path) {
      declaration.healthPath(path);
      return this;
    }

    /**
     * Sets the number of event loop threads shared by all instances (default 2).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder ioThreads(int threads) {
      declaration.ioThreads(threads);
      return this;
    }

    /**
     * Bounds how many non-health requests each instance serves at once (default {@code 0}: no
     * bound); the others queue, FIFO, inside the instance. See {@link
     * HttpInstance#concurrencyLimit(int)}, which also changes it at run time.
     *
     * @param limit the workers per instance, at least 1, or {@code 0} for no limit
     * @return this builder
     */
    public Builder concurrencyLimit(int limit) {
      declaration.concurrencyLimit(limit);
      return this;
    }

    /**
     * Sets how many recent requests each instance keeps in its {@link HttpInstance#requestLog()}
     * (default 10 000).
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder requestLogCapacity(int capacity) {
      declaration.requestLogCapacity(capacity);
      return this;
    }

    /**
     * Names the farm (default {@code http-farm-<n>}); threads are named {@code
     * ballast-<name>-io-<k>}.
     *
     * @param name the names the farm (default {@code http-farm-<n>}); threads are named {@code
     *     ballast-<name>-io-<k>}
     * @return this builder
     */
    public Builder name(String name) {
      declaration.name(name);
      return this;
    }

    /**
     * Creates the farm and starts every instance: on an ephemeral port of {@code 127.0.0.1} unless
     * declared with an address.
     *
     * @throws IllegalArgumentException when the declaration is inconsistent
     * @throws IllegalStateException when a server cannot bind
     * @return the running farm; close it when done
     */
    public HttpInstanceFarm build() {
      return new HttpInstanceFarm(declaration, declaration.instances()).startAll();
    }
  }
}
