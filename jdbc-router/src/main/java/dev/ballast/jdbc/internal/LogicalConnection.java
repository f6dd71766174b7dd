package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The connection a {@code RoutingDataSource} hands out: lazy, so that its role is known before it
 * touches a host.
 *
 * <p>Until its first real use (a statement, metadata, a savepoint, a LOB…) it holds no physical
 * connection and only records settings; their getters answer from that record. At first use it
 * binds: read-only → a replica through the router (or the primary as fallback or for
 * read-your-writes), otherwise → the primary; then the recorded settings are applied. This is what
 * lets Spring's {@code DataSourceTransactionManager}, which calls {@code setReadOnly(true)} after
 * {@code getConnection()}, route read-only transactions to replicas.
 *
 * <p>Its life is the {@link Session} machine. A transaction never moves, and neither does a
 * connection that handed out something tied to its physical connection (metadata, {@code unwrap}, a
 * LOB, an array…): a {@code setReadOnly} that would change host then throws (SQLState 25001).
 * Otherwise such a change gives the physical connection back (closing the statements made on it)
 * and binds again lazily. Statements, result sets and metadata lead back to this connection, never
 * to the pool's or the driver's. A failed read may run once more elsewhere ({@link
 * ReadRetryPolicy}).
 *
 * <p>With {@code read-your-writes=lsn} the WAL position is read once, when it can matter: at the
 * commit of a transaction that wrote, and for auto-commit writes only when a read of the same
 * context needs it (on PostgreSQL, after the connection was given back, on any primary connection;
 * on GTID engines when it is given back). Only statements that may write count.
 *
 * <p>Like the drivers' connections, not meant for concurrent use by several threads.
 */
public final class LogicalConnection extends TransactionConnection {
  private final boolean forReads;

  /**
   * A logical connection of {@code router}; {@code forReads} connections are read-only for good
   * ({@code setReadOnly(false)} is ignored, as the JDBC hint it is).
   *
   * @param defaultAutoCommit the pools' auto-commit default
   */
  public LogicalConnection(Router router, boolean forReads, boolean defaultAutoCommit) {
    super(router, defaultAutoCommit, forReads);
    this.forReads = forReads;
  }

  // ---- binding ---------------------------------------------------------------------------------

  @Override
  Connection physical() throws SQLException {
    return bound().physical();
  }

  @Override
  Binding bound() throws SQLException {
    checkOpen();
    Binding b = binding();
    return b != null ? b : bind(null);
  }

  /** Binds, avoiding replica {@code avoid} (one a read has just failed on), if not null. */
  private Binding bind(@Nullable Host avoid) throws SQLException {
    Binding b = readOnly ? router.bindRead(avoid) : router.bindWrite();
    try {
      applySettings(b.physical());
    } catch (SQLException e) {
      router.onError(b, e);
      router.release(b);
      if (avoid == null && b.reason() == RouteReason.READ && router.isConnectionFailure(e)) {
        // Nothing ran yet: the replica's pooled connection was dead (a restart), another host
        // can take the work.
        try {
          return bind(b.host());
        } catch (SQLException again) {
          again.addSuppressed(e);
          throw again;
        }
      }
      throw e;
    } catch (RuntimeException | Error e) {
      router.release(b);
      throw e;
    }
    bindTo(b);
    return b;
  }

  /**
   * Gives the binding back: closes its statements, takes a WAL position still owed, rolls back
   * uncommitted work (whatever the pool would have done with it), then leaves the session in {@code
   * closing ? CLOSED : UNBOUND}.
   */
  private void release(boolean closing) {
    closeStatements();
    Binding current = binding();
    if (current != null && !current.failed() && owesPosition()) {
      if (router.defersPositions()) {
        // Read only if a read of this context needs it: a read right after the write goes to
        // the primary without it, and outside a scope the token ends with this connection.
        positionRecorded();
        router.deferPosition();
      } else {
        recordPosition();
      }
    }
    forgetOwed();
    boolean rollback = inTransaction();
    Binding b = closing ? closeSession() : leaveBinding();
    if (b == null) {
      return;
    }
    try {
      if (rollback && !b.failed()) {
        b.physical().rollback();
      }
    } catch (SQLException e) {
      router.onError(b, e);
    } finally {
      router.release(b);
    }
  }

  @Override
  public @Nullable Binding rebindForRetry(Binding failed, SQLException e, Statement statement) {
    router.onError(failed, e);
    forgetStatements(); // the statement alone, which moves to the new binding
    release(false);
    Binding fresh;
    try {
      fresh = bind(failed.host());
    } catch (SQLException again) {
      e.addSuppressed(again);
      return null;
    }
    router.retried(failed, fresh, e);
    track(statement);
    return fresh;
  }

  // ---- routing -------------------------------------------------------------------------------

  @Override
  public void setReadOnly(boolean value) throws SQLException {
    checkOpen();
    if (forReads && !value) {
      return;
    }
    Binding b = binding();
    if (b == null || value == readOnly) {
      readOnly = value;
      return;
    }
    boolean moves = value ? b.reason() == RouteReason.WRITE : b.reason() == RouteReason.READ;
    if (moves) {
      checkMovable(value);
      readOnly = value;
      release(false);
      return;
    }
    try {
      b.physical().setReadOnly(value);
    } catch (SQLException e) {
      throw failed(e);
    }
    readOnly = value;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("timeout: " + timeout + " (expected: seconds >= 0)", "22023");
    }
    if (!isOpen()) {
      return false;
    }
    Binding b = binding();
    // Unbound, there is nothing to validate: the pools validate what they hand out.
    return b == null || b.physical().isValid(timeout);
  }

  @Override
  public boolean isClosed() {
    return !isOpen();
  }

  /** Gives the physical connection back to its pool (rolling back uncommitted work). Idempotent. */
  @Override
  public void close() {
    if (isOpen()) {
      try {
        release(true);
      } finally {
        endImplicitMode();
      }
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (!isOpen()) {
      return;
    }
    forgetOwed();
    endImplicitMode();
    forgetStatements();
    Binding b = binding();
    if (b != null) {
      b.markFailed();
    }
    closeSession();
    if (b != null) {
      try {
        b.physical().abort(executor);
      } finally {
        router.release(b);
      }
    }
  }

  @Override
  public String toString() {
    return "LogicalConnection["
        + router.config().name()
        + ", "
        + describeSession()
        + ", readOnly="
        + readOnly
        + ", autoCommit="
        + autoCommit
        + "]";
  }
}
