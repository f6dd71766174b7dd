package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The statement a {@link LogicalConnection} hands out: plain delegation to the physical statement
 * (no reflection, no boxing), except that every execution is reported to the connection, {@code
 * getConnection()} returns the logical connection, result sets lead back here ({@link
 * RoutedResultSet}), and a failed first read may run again on another host.
 *
 * <p>The delegation below the hand-written part is generated from {@link Statement}; {@code
 * RoutedStatementsTest} fails when an interface method is not delegated. Used by one thread at a
 * time, like the drivers' statements.
 */
class RoutedStatement implements Statement {
  /** How an execution method may use the connection. */
  enum Kind {
    /** {@code executeQuery}: a read, unless its SQL says otherwise; may run again. */
    QUERY,
    /** {@code execute}: may write; may run again when the connection is read-only. */
    EXECUTE,
    /** The update and batch methods: write, never run again. */
    UPDATE
  }

  /** One execution call on the physical statement. */
  @FunctionalInterface
  interface Call<T> {
    T run(Statement target) throws SQLException;
  }

  final StatementOwner owner;
  private final @Nullable String sql;
  Statement target;
  private Binding binding;
  @Nullable StatementReplay replay;
  private @Nullable RoutedResultSet current;

  /**
   * Wraps {@code target}, made on {@code binding} for {@code sql} (null for a plain statement);
   * with a {@code replay}, its first execution may run again elsewhere.
   */
  RoutedStatement(
      Statement target,
      StatementOwner owner,
      Binding binding,
      @Nullable String sql,
      @Nullable StatementReplay replay) {
    this.target = target;
    this.owner = owner;
    this.binding = binding;
    this.sql = sql;
    this.replay = replay;
  }

  /** The binding this statement runs on now (it changes when a failed read ran elsewhere). */
  final Binding binding() {
    return binding;
  }

  /** Runs one execution, telling the owner, and runs a failed first read again when allowed. */
  final <T> T run(Kind kind, @Nullable String text, Call<T> call) throws SQLException {
    Binding b = binding;
    boolean first = owner.beforeExecute(b, mayWrite(kind, text));
    StatementReplay r = replay;
    // Only a statement's first execution may run again: after it, results may have been seen.
    replay = null;
    try {
      return call.run(target);
    } catch (SQLException e) {
      if (r == null || !first || kind == Kind.UPDATE || !owner.mayRetry(b, e, this)) {
        owner.executeFailed(b, e);
        throw e;
      }
      return retry(kind, text, call, b, r, e);
    }
  }

  private <T> T retry(
      Kind kind,
      @Nullable String text,
      Call<T> call,
      Binding failed,
      StatementReplay r,
      SQLException e)
      throws SQLException {
    Statement old = target;
    Binding fresh = owner.rebindForRetry(failed, e, this);
    JdbcClose.quietly(old);
    if (fresh == null) {
      throw e;
    }
    try {
      target = r.recreate(fresh.physical());
    } catch (SQLException again) {
      owner.executeFailed(fresh, again);
      again.addSuppressed(e);
      throw again;
    }
    binding = fresh;
    current = null;
    // replay is null by now: this execution runs once, with the same bookkeeping as any other
    try {
      return run(kind, text, call);
    } catch (SQLException again) {
      again.addSuppressed(e);
      throw again;
    }
  }

  /**
   * Whether an execution may change data. Only {@code executeQuery} of SQL that starts with a
   * read-only keyword counts as a read: a {@code SELECT} that calls a function that writes is not
   * seen (run it with {@code execute} or {@code executeUpdate}), but {@code INSERT … RETURNING} and
   * data-modifying {@code WITH} queries are.
   */
  private static boolean mayWrite(Kind kind, @Nullable String text) {
    return kind != Kind.QUERY || !SqlText.isRead(text);
  }

  /** {@code rs} as a result set that leads back to this statement; null stays null. */
  final @Nullable ResultSet wrap(@Nullable ResultSet rs) {
    if (rs == null) {
      return null;
    }
    RoutedResultSet c = current;
    if (c != null && c.target == rs) {
      return c;
    }
    c = new RoutedResultSet(rs, this);
    current = c;
    return c;
  }

  /** {@code rs}, the result of a query, as a result set that leads back to this statement. */
  final ResultSet query(ResultSet rs) {
    RoutedResultSet c = new RoutedResultSet(rs, this);
    current = c;
    return c;
  }

  /** The SQL this statement was prepared with, null for a plain statement. */
  final @Nullable String sql() {
    return sql;
  }

  @Override
  public ResultSet executeQuery(String a0) throws SQLException {
    return query(run(Kind.QUERY, a0, s -> s.executeQuery(a0)));
  }

  @Override
  public boolean execute(String a0) throws SQLException {
    return run(Kind.EXECUTE, a0, s -> s.execute(a0));
  }

  @Override
  public boolean execute(String a0, int a1) throws SQLException {
    return run(Kind.EXECUTE, a0, s -> s.execute(a0, a1));
  }

  @Override
  public boolean execute(String a0, int[] a1) throws SQLException {
    return run(Kind.EXECUTE, a0, s -> s.execute(a0, a1));
  }

  @Override
  public boolean execute(String a0, String[] a1) throws SQLException {
    return run(Kind.EXECUTE, a0, s -> s.execute(a0, a1));
  }

  @Override
  public int executeUpdate(String a0) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeUpdate(a0));
  }

  @Override
  public int executeUpdate(String a0, int a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeUpdate(a0, a1));
  }

  @Override
  public int executeUpdate(String a0, int[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeUpdate(a0, a1));
  }

  @Override
  public int executeUpdate(String a0, String[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeUpdate(a0, a1));
  }

  @Override
  public long executeLargeUpdate(String a0) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeLargeUpdate(a0));
  }

  @Override
  public long executeLargeUpdate(String a0, int a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeLargeUpdate(a0, a1));
  }

  @Override
  public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeLargeUpdate(a0, a1));
  }

  @Override
  public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, s -> s.executeLargeUpdate(a0, a1));
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return run(Kind.UPDATE, null, Statement::executeBatch);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return run(Kind.UPDATE, null, Statement::executeLargeBatch);
  }

  @Override
  public void addBatch(String a0) throws SQLException {
    target.addBatch(a0);
    replay = null; // a statement built again would lack the batch
  }

  @Override
  public void clearBatch() throws SQLException {
    target.clearBatch();
    replay = null;
  }

  @Override
  public @Nullable ResultSet getResultSet() throws SQLException {
    return wrap(target.getResultSet());
  }

  @Override
  public @Nullable ResultSet getGeneratedKeys() throws SQLException {
    return wrap(target.getGeneratedKeys());
  }

  @Override
  public Connection getConnection() {
    return owner.logical();
  }

  @Override
  public void close() throws SQLException {
    owner.statementClosed(this);
    target.close();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "RoutedStatement[" + binding + ", " + target + "]";
  }

  // ---- generated: plain delegation ------------------------------------------------------------

  @Override
  public void cancel() throws SQLException {
    target.cancel();
  }

  @Override
  public void clearWarnings() throws SQLException {
    target.clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    target.closeOnCompletion();
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.closeOnCompletion());
    }
  }

  @Override
  public @Nullable String enquoteIdentifier(@Nullable String a0, boolean a1) throws SQLException {
    return target.enquoteIdentifier(a0, a1);
  }

  @Override
  public @Nullable String enquoteLiteral(@Nullable String a0) throws SQLException {
    return target.enquoteLiteral(a0);
  }

  @Override
  public @Nullable String enquoteNCharLiteral(@Nullable String a0) throws SQLException {
    return target.enquoteNCharLiteral(a0);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return target.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return target.getFetchSize();
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return target.getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return target.getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return target.getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return target.getMaxRows();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return target.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int a0) throws SQLException {
    return target.getMoreResults(a0);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return target.getQueryTimeout();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return target.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return target.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return target.getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return target.getUpdateCount();
  }

  @Override
  public java.sql.@Nullable SQLWarning getWarnings() throws SQLException {
    return target.getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return target.isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return target.isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(@Nullable String a0) throws SQLException {
    return target.isSimpleIdentifier(a0);
  }

  @Override
  public void setCursorName(@Nullable String a0) throws SQLException {
    target.setCursorName(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setCursorName(a0));
    }
  }

  @Override
  public void setEscapeProcessing(boolean a0) throws SQLException {
    target.setEscapeProcessing(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setEscapeProcessing(a0));
    }
  }

  @Override
  public void setFetchDirection(int a0) throws SQLException {
    target.setFetchDirection(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setFetchDirection(a0));
    }
  }

  @Override
  public void setFetchSize(int a0) throws SQLException {
    target.setFetchSize(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setFetchSize(a0));
    }
  }

  @Override
  public void setLargeMaxRows(long a0) throws SQLException {
    target.setLargeMaxRows(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setLargeMaxRows(a0));
    }
  }

  @Override
  public void setMaxFieldSize(int a0) throws SQLException {
    target.setMaxFieldSize(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setMaxFieldSize(a0));
    }
  }

  @Override
  public void setMaxRows(int a0) throws SQLException {
    target.setMaxRows(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setMaxRows(a0));
    }
  }

  @Override
  public void setPoolable(boolean a0) throws SQLException {
    target.setPoolable(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setPoolable(a0));
    }
  }

  @Override
  public void setQueryTimeout(int a0) throws SQLException {
    target.setQueryTimeout(a0);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> s.setQueryTimeout(a0));
    }
  }
}
