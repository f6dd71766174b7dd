package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.ReadYourWrites;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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

  /** The statements open on the binding, as {@link OpenStatements} keeps them. */
  private @Nullable Object statements;

  /** What the connection's writes owe read-your-writes; made at the first write with it on. */
  private @Nullable Writes writes;

  /**
   * The contexts a connection's writes concern (read-your-writes on): the one owed the WAL position
   * of auto-commit writes not recorded yet, and the one of the connection's first write, ended at
   * close. In an object of their own, made only when read-your-writes is on and the connection
   * writes, so that the logical connection every read allocates stays at 40 bytes.
   */
  private static final class Writes {
    @Nullable SessionContext owedTo;
    @Nullable SessionContext wroteIn;
  }

  TrackingConnection(Router router, boolean autoCommit, boolean readOnly) {
    super(autoCommit, readOnly);
    this.router = router;
  }

  /** The binding, made now if the connection has none (open connections only). */
  abstract Binding bound() throws SQLException;

  /** Closes the statements made on the binding (it is being given back). */
  final void closeStatements() {
    Object open = statements;
    statements = null; // each close tells statementClosed, which then finds nothing to forget
    OpenStatements.closeAll(open);
  }

  /** Forgets the open statements without closing them. */
  final void forgetStatements() {
    statements = null;
  }

  /** How many statements are open on the binding. */
  final int openStatements() {
    return OpenStatements.count(statements);
  }

  /** Whether {@code statement} is the only statement open on the binding. */
  final boolean onlyOpen(Statement statement) {
    return OpenStatements.only(statements, statement);
  }

  /** Keeps {@code statement} open on the binding, to close it when the binding is given back. */
  final <T extends Statement> T track(T statement) {
    statements = OpenStatements.add(statements, statement);
    return statement;
  }

  @Override
  <T> T pinned(T handedOut) {
    pin();
    return handedOut;
  }

  @Override
  @Nullable Connection boundPhysical() throws SQLException {
    checkOpen();
    Binding b = binding();
    return b == null ? null : b.physical();
  }

  @Override
  SQLException failed(SQLException e) {
    Binding b = binding();
    if (b != null) {
      router.onError(b, e);
    }
    return e;
  }

  @Override
  void checkOpen() throws SQLException {
    if (!isOpen()) {
      throw new SQLException("the connection is closed", "08003");
    }
  }

  // ---- read-your-writes ------------------------------------------------------------------------

  /** Takes the WAL position owed by committed auto-commit writes; once, idempotent. */
  @Override
  public void recordPosition() {
    Binding b = binding();
    if (b == null || !owesPosition()) {
      return;
    }
    positionRecorded();
    forgetOwed();
    router.recordCommit(b.physical());
  }

  /** The connection is closed: a write of it outside a scope ends the thread's implicit mode. */
  final void endImplicitMode() {
    Writes w = writes;
    if (w == null) {
      return;
    }
    SessionContext ctx = w.wroteIn;
    if (ctx != null) {
      w.wroteIn = null;
      router.writerClosed(ctx);
    }
  }

  final void forgetOwed() {
    Writes w = writes;
    if (w == null) {
      return;
    }
    SessionContext ctx = w.owedTo;
    if (ctx != null) {
      w.owedTo = null;
      ctx.settled(this);
    }
  }

  private Writes writes() {
    Writes w = writes;
    if (w == null) {
      w = new Writes();
      writes = w;
    }
    return w;
  }

  // ---- statements ------------------------------------------------------------------------------

  @Override
  public Connection logical() {
    return this;
  }

  @Override
  Statement statement(StatementReplay.Factory factory) throws SQLException {
    try {
      Binding b = bound();
      Connection c = b.forStatements();
      StatementReplay.Factory replay =
          ReadRetryPolicy.replayFor(factory, b, readOnly, autoCommit, this, openStatements());
      return track(new RoutedStatement(factory.create(c, ""), this, b, null, replay));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  PreparedStatement prepared(String sql, StatementReplay.Factory factory) throws SQLException {
    try {
      Binding b = bound();
      Connection c = b.forStatements();
      StatementReplay.Factory replay =
          ReadRetryPolicy.replayFor(factory, b, readOnly, autoCommit, this, openStatements());
      PreparedStatement p = (PreparedStatement) factory.create(c, sql);
      return track(new RoutedPreparedStatement(p, this, b, sql, replay));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  CallableStatement callable(String sql, StatementReplay.Factory factory) throws SQLException {
    try {
      Binding b = bound();
      Connection c = b.forStatements();
      CallableStatement p = (CallableStatement) factory.create(c, sql);
      return track(new RoutedCallableStatement(p, this, b, sql));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean beforeExecute(Binding b, boolean mayWrite) throws SQLException {
    checkOpen();
    if (binding() != b) {
      throw new SQLException(
          "the statement belongs to a physical connection this connection has given back", "08003");
    }
    // Only a read-write connection on the primary can write; what may write is the statement's
    // call (executeQuery of a SELECT does not), never a guess about the host's role.
    boolean writing = mayWrite && b.onPrimary() && !readOnly;
    if (writing) {
      router.recordWrite();
      if (router.config().readYourWrites() != ReadYourWrites.OFF) {
        Writes w = writes();
        if (w.wroteIn == null) {
          w.wroteIn = router.context();
        }
      }
    }
    boolean first = work(autoCommit, writing);
    if (owesPosition() && router.tracksPositions()) {
      Writes w = writes();
      if (w.owedTo == null) {
        SessionContext ctx = router.context();
        w.owedTo = ctx;
        ctx.owe(this);
      }
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
        b, readOnly, autoCommit, this, onlyOpen(statement), router.isConnectionFailure(e));
  }

  @Override
  public void statementClosed(Statement statement) {
    statements = OpenStatements.remove(statements, statement);
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
    savepoint(autoCommit);
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
