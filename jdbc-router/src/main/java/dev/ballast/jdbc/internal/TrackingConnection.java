package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.ReadYourWrites;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statement side of a {@link LogicalConnection}: the routed statements made on the current
 * binding, what each execution tells the {@link Session} (work, writes, the first statement), the
 * WAL position owed by auto-commit writes, and whether a failed read may run again ({@link
 * ReadRetryPolicy}). Binding, moving and ending transactions are the subclass's. Confined to the
 * connection's thread.
 */
abstract class TrackingConnection extends RecordedSettingsConnection
    implements StatementOwner, SessionContext.PendingPosition {
  final Router router;
  final Session session = new Session();
  // Sized for the usual one statement at a time: a read cycle allocates this list for every
  // connection, and the default capacity of ten costs 32 bytes more per cycle.
  final List<Statement> statements = new ArrayList<>(1);
  private @Nullable SessionContext owedTo;

  /** The context of this connection's first write (read-your-writes on), ended at close. */
  private @Nullable SessionContext wroteIn;

  TrackingConnection(Router router, ConnectionSettings settings) {
    super(settings);
    this.router = router;
  }

  /** Closes the statements made on the binding (it is being given back). */
  final void closeStatements() {
    for (int i = statements.size() - 1; i >= 0; i--) {
      JdbcClose.quietly(statements.get(i));
    }
    statements.clear();
  }

  @Override
  <T> T pinned(T handedOut) {
    session.pin();
    return handedOut;
  }

  @Override
  @Nullable Connection boundPhysical() throws SQLException {
    checkOpen();
    Binding b = session.binding();
    return b == null ? null : b.physical();
  }

  @Override
  SQLException failed(SQLException e) {
    Binding b = session.binding();
    if (b != null) {
      router.onError(b, e);
    }
    return e;
  }

  @Override
  void checkOpen() throws SQLException {
    if (!session.isOpen()) {
      throw new SQLException("the connection is closed", "08003");
    }
  }

  // ---- read-your-writes ------------------------------------------------------------------------

  /** Takes the WAL position owed by committed auto-commit writes; once, idempotent. */
  @Override
  public void recordPosition() {
    Binding b = session.binding();
    if (b == null || !session.owesPosition()) {
      return;
    }
    session.positionRecorded();
    forgetOwed();
    router.recordCommit(b.physical());
  }

  /** The connection is closed: a write of it outside a scope ends the thread's implicit mode. */
  final void endImplicitMode() {
    SessionContext ctx = wroteIn;
    if (ctx != null) {
      wroteIn = null;
      router.writerClosed(ctx);
    }
  }

  final void forgetOwed() {
    SessionContext ctx = owedTo;
    if (ctx != null) {
      owedTo = null;
      ctx.settled(this);
    }
  }

  // ---- statements ------------------------------------------------------------------------------

  @Override
  public Connection logical() {
    return this;
  }

  @Override
  Statement statement(StatementReplay.Factory factory) throws SQLException {
    try {
      Connection c = physical();
      Binding b = boundNow();
      StatementReplay replay =
          ReadRetryPolicy.replayFor(factory, "", b, settings, session, statements);
      return track(new RoutedStatement(factory.create(c, ""), this, b, null, replay));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  PreparedStatement prepared(String sql, StatementReplay.Factory factory) throws SQLException {
    try {
      Connection c = physical();
      Binding b = boundNow();
      StatementReplay replay =
          ReadRetryPolicy.replayFor(factory, sql, b, settings, session, statements);
      PreparedStatement p = (PreparedStatement) factory.create(c, sql);
      return track(new RoutedPreparedStatement(p, this, b, sql, replay));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  CallableStatement callable(String sql, StatementReplay.Factory factory) throws SQLException {
    try {
      Connection c = physical();
      Binding b = boundNow();
      CallableStatement p = (CallableStatement) factory.create(c, sql);
      return track(new RoutedCallableStatement(p, this, b, sql));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private Binding boundNow() throws SQLException {
    Binding b = session.binding();
    if (b == null) {
      throw new SQLException("the connection lost its binding", "08003");
    }
    return b;
  }

  private <T extends Statement> T track(T statement) {
    statements.add(statement);
    return statement;
  }

  @Override
  public boolean beforeExecute(Binding b, boolean mayWrite) throws SQLException {
    checkOpen();
    if (session.binding() != b) {
      throw new SQLException(
          "the statement belongs to a physical connection this connection has given back", "08003");
    }
    // Only a read-write connection on the primary can write; what may write is the statement's
    // call (executeQuery of a SELECT does not), never a guess about the host's role.
    boolean writes = mayWrite && b.onPrimary() && !settings.readOnly;
    if (writes) {
      router.recordWrite();
      if (wroteIn == null && router.config().readYourWrites() != ReadYourWrites.OFF) {
        wroteIn = router.context();
      }
    }
    boolean first = session.work(settings.autoCommit, writes);
    if (session.owesPosition() && owedTo == null && router.tracksPositions()) {
      SessionContext ctx = router.context();
      owedTo = ctx;
      ctx.owe(this);
    }
    return first;
  }

  @Override
  public void executeFailed(Binding b, SQLException e) {
    router.onError(b, e);
  }

  @Override
  public boolean mayRetry(Binding b, SQLException e, Statement statement) {
    return ReadRetryPolicy.mayRetry(
        b, e, statement, settings, session, statements, router.isConnectionFailure(e));
  }

  @Override
  public void statementClosed(Statement statement) {
    for (int i = statements.size() - 1; i >= 0; i--) {
      if (statements.get(i) == statement) {
        statements.remove(i);
        return;
      }
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    try {
      return pinned(new RoutedMetaData(physical().getMetaData(), this));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  void savepointSet() {
    session.savepoint(settings.autoCommit);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return pinned(physical().unwrap(iface));
    } catch (SQLException e) {
      throw failed(e);
    }
  }
}
