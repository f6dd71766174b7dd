package dev.ballast.testkit;

import org.jspecify.annotations.Nullable;

/**
 * A {@link PostgresCluster} or one of its {@link PgNode}s could not do what was asked: a server did
 * not start, a control statement failed, or replication did not catch up in time. The message names
 * the node and, where it helps, the server's log or the replication state.
 */
public class PgClusterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public PgClusterException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public PgClusterException(String message) {
    super(message);
  }
}
