package dev.ballast.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every testkit cluster answers, whatever its engine ({@link PostgresCluster}, {@link
 * MariaDbCluster}): its nodes, its databases, waiting for replication, and undoing a test's faults.
 * The engine's own controls (pausing replay, promoting, …) stay on the engine's types.
 *
 * @param <N> the engine's node type
 */
public interface DbCluster<N extends DbNode> extends AutoCloseable {

  /** {@return the node started as primary (named {@code primary})} */
  N primary();

  /** {@return the replicas in order {@code r1}, {@code r2}, …; empty without replicas} */
  List<N> replicas();

  /** {@return every node, primary first} */
  List<N> nodes();

  /**
   * {@return the node with this name}
   *
   * @param name the node's name ({@code primary}, {@code r1}, …)
   * @throws IllegalArgumentException if there is none
   */
  N node(String name);

  /** {@return the database every node holds} */
  String databaseName();

  /** {@return every database the cluster created: the main one first, then the extra ones} */
  List<String> databaseNames();

  /** {@return the directory holding every node's data and log; deleted by {@link #close()}} */
  Path directory();

  /** Waits until every running replica has applied what the primary committed before the call. */
  void waitForReplication();

  /**
   * As {@link #waitForReplication()}, with a timeout.
   *
   * @param timeout how long to wait at most
   */
  void waitForReplication(Duration timeout);

  /** Undoes the faults a test may have injected; a promotion cannot be undone. */
  void resetFaults();

  /**
   * {@return whether the roles differ from the start (a promotion, or a primary that is not one)}
   */
  boolean isTopologyChanged();

  /** {@return whether {@link #close()} has been called} */
  boolean isClosed();

  /** Stops every server and deletes {@link #directory()}; idempotent. */
  @Override
  void close();
}
