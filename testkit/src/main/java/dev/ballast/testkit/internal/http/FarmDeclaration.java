package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a farm builder declares, checked as it is declared: the instances (one by one with an id, a
 * zone and a loopback address, or as a count with zones from which the ids are derived: {@code a1,
 * a2, b1, …}) and the farm's settings. Error messages name the builder method's argument, as {@code
 * <argument>: <value> (expected: …)}. Not thread-safe.
 */
public final class FarmDeclaration {

  /** The address an instance listens on unless declared with one. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private int count;
  private @Nullable List<String> zones;
  private String healthPath = "/health";
  private int ioThreads = 2;
  private int requestLogCapacity = 10_000;
  private int concurrencyLimit;
  private @Nullable String name;

  /**
   * One instance to create.
   *
   * @param id the instance's id, unique within the farm
   * @param zone its zone, empty for none
   * @param address the loopback address and port (0: ephemeral) it binds to
   */
  public record Declared(String id, String zone, InetSocketAddress address) {}

  private final List<Declared> explicit = new ArrayList<>();

  /**
   * Declares one instance listening on {@code host:port}.
   *
   * @param id non-empty, no whitespace or {@code ';'}, unique within the farm
   * @param zone the zone, or empty for none
   * @param host a loopback IP address literal
   * @param port {@code 0..65535}
   * @throws IllegalArgumentException naming the argument that is wrong
   */
  public void add(String id, String zone, String host, int port) {
    requireNonNull(id, "id");
    requireNonNull(host, "host");
    InetSocketAddress address = loopback(host, port);
    requireNonNull(zone, "zone");
    if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';')) {
      throw new IllegalArgumentException(
          "id: '" + id + "' (expected: non-empty, no whitespace or ';')");
    }
    if (explicit.stream().anyMatch(d -> d.id().equals(id))) {
      throw new IllegalArgumentException("id: " + id + " (expected: unique within the farm)");
    }
    checkZone(zone);
    explicit.add(new Declared(id, zone, address));
  }

  /**
   * Declares {@code count} instances.
   *
   * @param count at least 1
   */
  public void count(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("instances: " + count + " (expected: >= 1)");
    }
    this.count = count;
  }

  /**
   * Gives the zones of the counted instances, one per instance in order.
   *
   * @param zones the zones, each checked by {@link #checkZone(String)}
   */
  public void zones(List<String> zones) {
    for (String zone : zones) {
      checkZone(zone);
    }
    this.zones = zones;
  }

  /**
   * Sets the path answered as a health check.
   *
   * @param path starting with {@code /}, no query
   */
  public void healthPath(String path) {
    requireNonNull(path, "path");
    if (!path.startsWith("/") || path.contains("?")) {
      throw new IllegalArgumentException(
          "healthPath: " + path + " (expected: starts with '/', no query)");
    }
    this.healthPath = path;
  }

  /** {@return the path answered as a health check} */
  public String healthPath() {
    return healthPath;
  }

  /**
   * Sets the number of event loop threads shared by all instances.
   *
   * @param threads at least 1
   */
  public void ioThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ioThreads: " + threads + " (expected: >= 1)");
    }
    this.ioThreads = threads;
  }

  /** {@return the number of event loop threads} */
  public int ioThreads() {
    return ioThreads;
  }

  /**
   * Sets each instance's initial concurrency limit.
   *
   * @param limit at least 1, or 0 for none
   */
  public void concurrencyLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "concurrencyLimit: " + limit + " (expected: >= 1, or 0 for unlimited)");
    }
    this.concurrencyLimit = limit;
  }

  /** {@return each instance's initial concurrency limit, 0 for none} */
  public int concurrencyLimit() {
    return concurrencyLimit;
  }

  /**
   * Sets how many recent requests each instance keeps in its request log.
   *
   * @param capacity at least 1
   */
  public void requestLogCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("requestLogCapacity: " + capacity + " (expected: >= 1)");
    }
    this.requestLogCapacity = capacity;
  }

  /** {@return how many recent requests each instance keeps in its request log} */
  public int requestLogCapacity() {
    return requestLogCapacity;
  }

  /**
   * Names the farm.
   *
   * @param name not blank
   */
  public void name(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
    }
    this.name = name;
  }

  /** {@return the farm's name, or null when not named} */
  public @Nullable String name() {
    return name;
  }

  /**
   * Checks that {@code zone} can appear in an endpoint spec.
   *
   * @param zone the zone, empty for none
   * @throws IllegalArgumentException when it holds whitespace, {@code ';'} or {@code ','}
   */
  public static void checkZone(String zone) {
    requireNonNull(zone, "zone");
    if (zone.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';' || c == ',')) {
      throw new IllegalArgumentException(
          "zone: '" + zone + "' (expected: no whitespace, ';' or ',')");
    }
  }

  /**
   * {@return the instances to create, in declaration order: those declared one by one, else the
   * {@linkplain #count(int) counted} instances (or one per {@linkplain #zones(List) zone} when not
   * counted) on ephemeral ports of {@value #DEFAULT_HOST}}
   *
   * @throws IllegalArgumentException when the declaration is inconsistent or empty
   */
  public List<Declared> instances() {
    if (!explicit.isEmpty()) {
      if (count > 0 || zones != null) {
        throw new IllegalArgumentException(
            "instance: "
                + explicit.stream().map(Declared::id).toList()
                + " (expected: either instance(id, zone) or instances(n)/zones(...), not both)");
      }
      return List.copyOf(explicit);
    }
    List<String> zones = this.zones;
    int n = count;
    if (zones != null) {
      if (n == 0) {
        n = zones.size();
      } else if (zones.size() != n) {
        throw new IllegalArgumentException(
            "zones: " + zones + " (expected: " + n + " zones, one per instance)");
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          "instances: none (expected: instances(n), zones(...) or instance(id, zone))");
    }
    List<Declared> derived = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, Integer> perZone = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String zone = zones == null ? "" : zones.get(i);
      String prefix = zone.isEmpty() ? "i" : zone;
      String id = prefix + perZone.merge(prefix, 1, Integer::sum);
      if (ids.contains(id)) {
        // zones "a" x 11 and "a1" would both name an instance "a11".
        throw new IllegalArgumentException(
            "zones: " + zones + " (expected: zones that give unique ids, " + id + " twice)");
      }
      ids.add(id);
      derived.add(new Declared(id, zone, loopback(DEFAULT_HOST, 0)));
    }
    return derived;
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
}
