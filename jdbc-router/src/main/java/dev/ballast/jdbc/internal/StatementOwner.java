package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * What a routed statement needs from the logical connection that made it: to be told of every
 * execution (to know when a transaction has work and whether a write must be followed by a WAL
 * position), to hand back the logical connection from {@code getConnection()}, and to move a failed
 * first read to another host. Implemented by {@link LogicalConnection}; used by one thread at a
 * time, like the connection.
 */
interface StatementOwner {
  /** The logical connection, what {@code Statement.getConnection()} returns. */
  Connection logical();

  /**
   * Called before each execution on {@code b}; {@code mayWrite} when the call may change data.
   *
   * @return whether it is the first execution on this binding
   * @throws SQLException 08003 if the connection is closed or has given {@code b} back
   */
  boolean beforeExecute(Binding b, boolean mayWrite) throws SQLException;

  /** Called when an execution on {@code b} failed with {@code e} and is not run again. */
  void executeFailed(Binding b, SQLException e);

  /**
   * Whether the first execution of {@code statement}, which failed on {@code b} with {@code e}, may
   * run again elsewhere (see {@link ReadRetryPolicy}).
   */
  boolean mayRetry(Binding b, SQLException e, Statement statement);

  /**
   * Gives {@code failed} back and binds again avoiding its host, keeping {@code statement} open;
   * null when no host could be bound, the reason then suppressed in {@code e}.
   */
  @Nullable Binding rebindForRetry(Binding failed, SQLException e, Statement statement);

  /** Called when {@code statement} is closed by its user. */
  void statementClosed(Statement statement);
}
