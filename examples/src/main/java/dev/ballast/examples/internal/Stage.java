package dev.ballast.examples.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The demo's infrastructure, all on {@code 127.0.0.1}: six HTTP instances of the {@code orders}
 * service (two in each of the zones a, b and c) and, unless the database is left out, a PostgreSQL
 * primary with two streaming replicas (primary and r1 in zone a, r2 in zone b). Both are registered
 * with the run's {@link Closer}, which stops them and deletes their files. The resolved {@link
 * DemoConfig} points Ballast at them. Thread-safe after construction.
 */
public final class Stage {

  /** The logical service the demo calls. */
  public static final String SERVICE = "orders";

  private static final String[] INSTANCE_ZONES = {"a", "a", "b", "b", "c", "c"};
  private static final String[] NODE_ZONES = {"a", "a", "b"};

  private final HttpInstanceFarm farm;
  private final @Nullable PostgresCluster cluster;
  private final String localZone;
  private final DemoConfig config;
  private final Map<String, String> values;
  private final Map<Integer, Integer> instanceByPort = new LinkedHashMap<>();
  private final Map<Integer, String> nodeByPort = new LinkedHashMap<>();

  private Stage(
      HttpInstanceFarm farm,
      @Nullable PostgresCluster cluster,
      String localZone,
      DemoConfig config) {
    this.farm = farm;
    this.cluster = cluster;
    this.localZone = localZone;
    this.config = config;
    List<HttpInstance> instances = farm.instances();
    for (int i = 0; i < instances.size(); i++) {
      instanceByPort.put(instances.get(i).port(), i);
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("zone", localZone);
    v.put("orders.endpoints", farm.endpointSpecs());
    if (cluster != null) {
      for (PgNode node : cluster.nodes()) {
        nodeByPort.put(node.port(), node.name());
        v.put("db." + node.name() + ".url", node.jdbcUrl());
      }
    }
    this.values = v;
  }

  /** Starts the HTTP instances (quick). */
  public static HttpInstanceFarm startFarm(Closer closer) {
    return closer.register(
        "HTTP instances",
        HttpInstanceFarm.builder()
            .name("demo")
            .instances(INSTANCE_ZONES.length)
            .zones(INSTANCE_ZONES)
            .ioThreads(2)
            .requestLogCapacity(16)
            .build());
  }

  /** Starts the PostgreSQL primary and its two replicas (a few seconds). */
  public static PostgresCluster startCluster(Closer closer) {
    return closer.register(
        "PostgreSQL cluster",
        PostgresCluster.builder().replicas(2).zones(NODE_ZONES).database("demo").start());
  }

  /** Assembles a stage from what {@link #startFarm} and {@link #startCluster} started. */
  public static Stage of(
      HttpInstanceFarm farm,
      @Nullable PostgresCluster cluster,
      String localZone,
      DemoConfig config) {
    return new Stage(
        requireNonNull(farm, "farm"),
        cluster,
        requireNonNull(localZone, "localZone"),
        requireNonNull(config, "config"));
  }

  /** The HTTP instances. */
  public HttpInstanceFarm farm() {
    return farm;
  }

  /** The database, or null when it was left out. */
  public @Nullable PostgresCluster cluster() {
    return cluster;
  }

  /** The caller's zone. */
  public String localZone() {
    return localZone;
  }

  /** The instance ids in farm order ({@code a1, a2, b1, b2, c1, c2}). */
  public List<String> instanceIds() {
    List<String> ids = new ArrayList<>();
    farm.instances().forEach(i -> ids.add(i.id()));
    return ids;
  }

  /** The instance zones in farm order. */
  public List<String> instanceZones() {
    List<String> zones = new ArrayList<>();
    farm.instances().forEach(i -> zones.add(i.zone()));
    return zones;
  }

  /** The instances of the local zone, in farm order. */
  public List<HttpInstance> localInstances() {
    return farm.instancesInZone(localZone);
  }

  /** The index in farm order of the instance listening on {@code port}, or -1. */
  public int instanceIndex(int port) {
    Integer index = instanceByPort.get(port);
    return index == null ? -1 : index;
  }

  /** The database node names, primary first; empty without a database. */
  public List<String> nodeNames() {
    return List.copyOf(nodeByPort.values());
  }

  /** The name of the database node listening on {@code port}, or {@code "?"}. */
  public String nodeName(int port) {
    return nodeByPort.getOrDefault(port, "?");
  }

  /** The configuration file as written. */
  public DemoConfig config() {
    return config;
  }

  /** The configuration file with the run's values in place of its placeholders. */
  public String resolvedConfigText() {
    return config.resolvedText(values, cluster != null);
  }

  /** The resolved configuration, a fresh copy each call. */
  public Properties properties() {
    return config.resolve(values, cluster != null);
  }
}
