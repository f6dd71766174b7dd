package dev.ballast.testkit;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.internal.http.FarmEventLoop;
import dev.ballast.testkit.internal.http.NettyHttpInstance;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

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
  private final List<NettyHttpInstance> instances;
  private final List<HttpInstance> view;
  private final Map<String, HttpInstance> byId;
  private boolean closed;

  private HttpInstanceFarm(
      Builder builder, List<String> ids, List<String> zones, List<InetSocketAddress> addresses) {
    this.name = builder.name != null ? builder.name : "http-farm-" + FARMS.incrementAndGet();
    this.healthPath = builder.healthPath;
    this.eventLoop = new FarmEventLoop(builder.ioThreads, "ballast-" + name + "-io");
    List<NettyHttpInstance> created = new ArrayList<>();
    Map<String, HttpInstance> index = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      NettyHttpInstance instance =
          new NettyHttpInstance(
              ids.get(i),
              zones.get(i),
              addresses.get(i).getHostString(),
              addresses.get(i).getPort(),
              healthPath,
              builder.requestLogCapacity,
              eventLoop.group());
      instance.concurrencyLimit(builder.concurrencyLimit);
      created.add(instance);
      index.put(instance.id(), instance);
    }
    this.instances = List.copyOf(created);
    this.view = List.copyOf(created);
    this.byId = index;
  }

  /** {@return a builder for a farm; see {@link Builder} for the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  private HttpInstanceFarm startAll() {
    try {
      instances.forEach(NettyHttpInstance::start);
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
    return view;
  }

  /**
   * {@return the instance with {@code id}}
   *
   * @param id the instance's id
   * @throws IllegalArgumentException when no instance has that id
   */
  public HttpInstance instance(String id) {
    HttpInstance instance = byId.get(requireNonNull(id, "id"));
    if (instance == null) {
      throw new IllegalArgumentException("id: " + id + " (expected: one of " + byId.keySet() + ")");
    }
    return instance;
  }

  /**
   * {@return the instances in {@code zone}, in declaration order; empty when there are none}
   *
   * @param zone the zone
   */
  public List<HttpInstance> instancesInZone(String zone) {
    requireNonNull(zone, "zone");
    return view.stream()
        .filter(i -> i.zone().equals(zone))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * {@return every instance's {@link HttpInstance#endpointSpec()} joined by {@code ", "}: a value
   * for {@code ballast.http.services.<service>.endpoints}}
   */
  public String endpointSpecs() {
    return view.stream().map(HttpInstance::endpointSpec).collect(Collectors.joining(", "));
  }

  /** {@return the sum of {@link HttpInstance#requestCount()} over all instances} */
  public long totalRequests() {
    long total = 0;
    for (HttpInstance instance : view) {
      total += instance.requestCount();
    }
    return total;
  }

  /** Calls {@link HttpInstance#resetCounters()} on every instance. */
  public void resetCounters() {
    view.forEach(HttpInstance::resetCounters);
  }

  /** Calls {@link HttpInstance#clearFaults()} on every instance. */
  public void clearFaults() {
    view.forEach(HttpInstance::clearFaults);
  }

  /** Starts every stopped instance on its own port, as {@link HttpInstance#start()} does. */
  public void startAllInstances() {
    view.forEach(HttpInstance::start);
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
    instances.forEach(NettyHttpInstance::close);
    if (!eventLoop.shutdown(SHUTDOWN_TIMEOUT)) {
      throw new IllegalStateException(
          "farm " + name + ": event loop threads still running after " + SHUTDOWN_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "HttpInstanceFarm[" + name + " " + view + "]";
  }

  /**
   * Declares the instances of a farm, either as a count ({@link #instances(int)}, optionally with
   * {@link #zones(String...)}) or one by one ({@link #instance(String, String)}), never both.
   *
   * <p>Defaults: health path {@code /health}, 2 I/O threads, 10 000 request log entries per
   * instance. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private static final String DEFAULT_HOST = "127.0.0.1";

    private int count;
    private @Nullable List<String> zones;
    private final List<String> explicitIds = new ArrayList<>();
    private final List<String> explicitZones = new ArrayList<>();
    private final List<InetSocketAddress> explicitAddresses = new ArrayList<>();
    private String healthPath = "/health";
    private int ioThreads = 2;
    private int requestLogCapacity = 10_000;
    private int concurrencyLimit;
    private @Nullable String name;

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
      if (count < 1) {
        throw new IllegalArgumentException("instances: " + count + " (expected: >= 1)");
      }
      this.count = count;
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
      List<String> list = List.of(zones);
      for (String zone : list) {
        checkZone(zone);
      }
      this.zones = list;
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
      return instance(id, zone, DEFAULT_HOST, 0);
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
      requireNonNull(id, "id");
      requireNonNull(host, "host");
      InetSocketAddress address = loopback(host, port);
      requireNonNull(zone, "zone");
      if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';')) {
        throw new IllegalArgumentException(
            "id: '" + id + "' (expected: non-empty, no whitespace or ';')");
      }
      if (explicitIds.contains(id)) {
        throw new IllegalArgumentException("id: " + id + " (expected: unique within the farm)");
      }
      checkZone(zone);
      explicitIds.add(id);
      explicitZones.add(zone);
      explicitAddresses.add(address);
      return this;
    }

    private static InetSocketAddress loopback(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
      }
      // Only literals: a name would be looked up, and test traffic must stay on loopback.
      if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
        throw new IllegalArgumentException(
            "host: '" + host + "' (expected: a loopback IP address literal such as 127.0.0.2)");
      }
      try {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "host: '" + host + "' (expected: a loopback IP address literal such as 127.0.0.2)");
        }
        return new InetSocketAddress(address, port);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "host: '" + host + "' (expected: a loopback IP address literal such as 127.0.0.2)", e);
      }
    }

    private static void checkZone(String zone) {
      requireNonNull(zone, "zone");
      if (zone.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';' || c == ',')) {
        throw new IllegalArgumentException(
            "zone: '" + zone + "' (expected: no whitespace, ';' or ',')");
      }
    }

    /**
     * Sets the path answered as a health check (default {@code /health}); the query string is
     * ignored when matching.
     *
     * @param path starting with {@code /}
     * @return this builder
     */
    public Builder healthPath(String path) {
      requireNonNull(path, "path");
      if (!path.startsWith("/") || path.contains("?")) {
        throw new IllegalArgumentException(
            "healthPath: " + path + " (expected: starts with '/', no query)");
      }
      this.healthPath = path;
      return this;
    }

    /**
     * Sets the number of event loop threads shared by all instances (default 2).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads: " + threads + " (expected: >= 1)");
      }
      this.ioThreads = threads;
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
      if (limit < 0) {
        throw new IllegalArgumentException(
            "concurrencyLimit: " + limit + " (expected: >= 1, or 0 for unlimited)");
      }
      this.concurrencyLimit = limit;
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
      if (capacity < 1) {
        throw new IllegalArgumentException("requestLogCapacity: " + capacity + " (expected: >= 1)");
      }
      this.requestLogCapacity = capacity;
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
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
      }
      this.name = name;
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
      List<String> ids = new ArrayList<>();
      List<String> instanceZones = new ArrayList<>();
      List<InetSocketAddress> addresses = new ArrayList<>();
      if (!explicitIds.isEmpty()) {
        if (count > 0 || zones != null) {
          throw new IllegalArgumentException(
              "instance: "
                  + explicitIds
                  + " (expected: either instance(id, zone) or instances(n)/zones(...), not both)");
        }
        ids.addAll(explicitIds);
        instanceZones.addAll(explicitZones);
        addresses.addAll(explicitAddresses);
      } else {
        List<String> declaredZones = zones;
        int n = count;
        if (declaredZones != null) {
          if (n == 0) {
            n = declaredZones.size();
          } else if (declaredZones.size() != n) {
            throw new IllegalArgumentException(
                "zones: " + declaredZones + " (expected: " + n + " zones, one per instance)");
          }
        }
        if (n == 0) {
          throw new IllegalArgumentException(
              "instances: none (expected: instances(n), zones(...) or instance(id, zone))");
        }
        Map<String, Integer> perZone = new HashMap<>();
        for (int i = 0; i < n; i++) {
          String zone = declaredZones == null ? "" : declaredZones.get(i);
          String prefix = zone.isEmpty() ? "i" : zone;
          String id = prefix + perZone.merge(prefix, 1, Integer::sum);
          if (ids.contains(id)) {
            // zones "a" x 11 and "a1" would both name an instance "a11".
            throw new IllegalArgumentException(
                "zones: "
                    + declaredZones
                    + " (expected: zones that give unique ids, "
                    + id
                    + " twice)");
          }
          ids.add(id);
          instanceZones.add(zone);
          addresses.add(loopback(DEFAULT_HOST, 0));
        }
      }
      return new HttpInstanceFarm(this, ids, instanceZones, addresses).startAll();
    }
  }
}
