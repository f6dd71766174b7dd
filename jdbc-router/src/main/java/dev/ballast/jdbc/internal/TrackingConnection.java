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
  // The statements open on the binding. A read cycle makes one: it is kept in a field, and a list
  // exists only once two are open at the same time (a list and its array cost a read cycle 48 B).
  private @Nullable Statement firstStatement;
  private @Nullable List<Statement> moreStatements;
  private @Nullable SessionContext owedTo;

  /** The context of this connection's first write (read-your-writes on), ended at close. */
  private @Nullable SessionContext wroteIn;

  TrackingConnection(Router router, boolean autoCommit, boolean readOnly) {
    super(autoCommit, readOnly);
    this.router = router;
  }

  /** Closes the statements made on the binding (it is being given back). */
  final void closeStatements() {
    List<Statement> more = moreStatements;
    if (more != null) {
      for (int i = more.size() - 1; i >= 0; i--) {
        JdbcClose.quietly(more.get(i));
      }
    }
    Statement first = firstStatement;
    if (first != null) {
      JdbcClose.quietly(first);
    }
    forgetStatements();
  }

  /** Forgets the open statements without closing them. */
  final void forgetStatements() {
    firstStatement = null;
    if (moreStatements != null) {
      moreStatements.clear();
    }
  }

  /** How many statements are open on the binding. */
  final int openStatements() {
    List<Statement> more = moreStatements;
    return (firstStatement == null ? 0 : 1) + (more == null ? 0 : more.size());
  }

  /** Whether {@code statement} is the only statement open on the binding. */
  final boolean onlyOpen(Statement statement) {
    List<Statement> more = moreStatements;
    if (more == null || more.isEmpty()) {
      return firstStatement == statement;
    }
    return firstStatement == null && more.size() == 1 && more.get(0) == statement;
  }

  /** Keeps {@code statement} open on the binding, to close it when the binding is given back. */
  final <T extends Statement> T track(T statement) {
    if (openStatements() == 0) {
      firstStatement = statement;
    } else {
      List<Statement> more = moreStatements;
      if (more == null) {
        more = new ArrayList<>();
        moreStatements = more;
      }
      more.add(statement);
    }
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
      physical();
      Binding b = boundNow();
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
      physical();
      Binding b = boundNow();
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
      physical();
      Binding b = boundNow();
      Connection c = b.forStatements();
      CallableStatement p = (CallableStatement) factory.create(c, sql);
      return track(new RoutedCallableStatement(p, this, b, sql));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private Binding boundNow() throws SQLException {
    Binding b = binding();
    if (b == null) {
      throw new SQLException("the connection lost its binding", "08003");
    }
    return b;
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
    boolean writes = mayWrite && b.onPrimary() && !readOnly;
    if (writes) {
      router.recordWrite();
      if (wroteIn == null && router.config().readYourWrites() != ReadYourWrites.OFF) {
        wroteIn = router.context();
      }
    }
    boolean first = work(autoCommit, writes);
    if (owesPosition() && owedTo == null && router.tracksPositions()) {
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
        b, readOnly, autoCommit, this, onlyOpen(statement), router.isConnectionFailure(e));
  }

  @Override
  public void statementClosed(Statement statement) {
    if (firstStatement == statement) {
      firstStatement = null;
      return;
    }
    List<Statement> more = moreStatements;
    if (more != null) {
      for (int i = more.size() - 1; i >= 0; i--) {
        if (more.get(i) == statement) {
          more.remove(i);
          return;
        }
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
