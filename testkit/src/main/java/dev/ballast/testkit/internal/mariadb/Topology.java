package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import java.util.List;

/** Which node of a cluster takes writes, and the promotion that changes it. Thread-safe. */
public final class Topology {

  private final List<ManagedMariaDbNode> nodes;
  private ManagedMariaDbNode currentPrimary;

  /** A topology whose first node is the primary. */
  public Topology(List<ManagedMariaDbNode> nodes) {
    this.nodes = nodes;
    this.currentPrimary = nodes.get(0);
  }

  /** The node that takes writes. */
  public synchronized ManagedMariaDbNode currentPrimary() {
    return currentPrimary;
  }

  /**
   * Makes {@code node} the primary and every other node its replica (stopped ones on next start).
   *
   * @throws MariaDbClusterException if {@code node} is not running or already the primary
   */
  public synchronized void promote(ManagedMariaDbNode node) {
    if (node == currentPrimary) {
      throw new MariaDbClusterException(node.name() + " is already the primary");
    }
    if (!node.isRunning()) {
      throw new MariaDbClusterException(node.name() + " is not running and cannot be promoted");
    }
    node.becomePrimary();
    currentPrimary = node;
    for (ManagedMariaDbNode other : nodes) {
      if (other != node) {
        other.replicateFrom(node.port(), true);
      }
    }
  }

  /** Resumes and undelays every running replica. */
  public synchronized void clearReplicaFaults() {
    for (ManagedMariaDbNode node : nodes) {
      if (node != currentPrimary) {
        node.clearReplicaFaults();
      }
    }
  }
}
