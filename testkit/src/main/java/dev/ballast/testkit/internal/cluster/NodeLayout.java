package dev.ballast.testkit.internal.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The nodes a cluster builder asks for: a primary, 0 to {@value #MAX_REPLICAS} replicas named
 * {@code r1}, {@code r2}, …, and each node's zone, given in node order, per node, or both (a
 * per-node zone wins). Checks a single setting at once and the settings against each other when the
 * cluster starts, so the builder may be configured in any order.
 */
public final class NodeLayout {
  /** The most replicas a test cluster may have. */
  public static final int MAX_REPLICAS = 8;

  private int replicas;
  private List<String> zones = List.of();
  private final Map<String, String> zonesByNode = new LinkedHashMap<>();

  /**
   * Sets the number of replicas.
   *
   * @param count 0 to {@value #MAX_REPLICAS}
   * @throws IllegalArgumentException naming the key {@code replicas} if out of range
   */
  public void replicas(int count) {
    if (count < 0 || count > MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "replicas: " + count + " (expected: 0 to " + MAX_REPLICAS + ")");
    }
    this.replicas = count;
  }

  /**
   * Sets the zone labels in node order; checked against the node count when the cluster starts.
   *
   * @param zones one label per node, primary first
   */
  public void zones(String... zones) {
    Objects.requireNonNull(zones, "zones");
    for (String zone : zones) {
      Objects.requireNonNull(zone, "zones: null element");
    }
    this.zones = List.of(zones);
  }

  /**
   * Sets one node's zone; the node's name is checked when the cluster starts.
   *
   * @param nodeName {@code primary}, {@code r1}, …
   * @param zone the zone label
   */
  public void zone(String nodeName, String zone) {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(zone, "zone");
    zonesByNode.put(nodeName, zone);
  }

  /** {@return the node names: {@code primary}, then {@code r1} … {@code rN}} */
  public List<String> nodeNames() {
    List<String> names = new ArrayList<>();
    names.add("primary");
    for (int i = 1; i <= replicas; i++) {
      names.add("r" + i);
    }
    return names;
  }

  /**
   * {@return each node's zone, in the order of {@link #nodeNames()}; empty where none was given}
   *
   * @throws IllegalArgumentException if the zones in node order do not match the node count, or a
   *     per-node zone names a node the cluster does not have
   */
  public List<String> resolveZones() {
    List<String> names = nodeNames();
    if (!zones.isEmpty() && zones.size() != names.size()) {
      throw new IllegalArgumentException(
          "zones: "
              + zones
              + " (expected: "
              + names.size()
              + " labels, one for each of "
              + names
              + ")");
    }
    for (String node : zonesByNode.keySet()) {
      if (!names.contains(node)) {
        throw new IllegalArgumentException("zone: " + node + " (expected: one of " + names + ")");
      }
    }
    List<String> resolved = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String fallback = zones.isEmpty() ? "" : zones.get(i);
      resolved.add(zonesByNode.getOrDefault(names.get(i), fallback));
    }
    return resolved;
  }

  /** {@return an independent layout with the same settings} */
  public NodeLayout copy() {
    NodeLayout copy = new NodeLayout();
    copy.replicas = replicas;
    copy.zones = zones;
    copy.zonesByNode.putAll(zonesByNode);
    return copy;
  }

  @Override
  public String toString() {
    return "replicas=" + replicas + ", zones=" + zones;
  }
}
