package dev.ballast.testkit;

import org.jspecify.annotations.Nullable;

/**
 * A {@link MariaDbCluster} or one of its {@link MariaDbNode}s could not do what was asked: a server
 * did not start, a control statement failed, or replication did not catch up in time. The message
 * names the node and, where it helps, the tail of the server's log or the replication state.
 */
public class MariaDbClusterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public MariaDbClusterException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public MariaDbClusterException(String message) {
    super(message);
  }
}
