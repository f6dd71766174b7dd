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
 * <p>This class holds what executes; the mechanical forwarding of the rest is {@link
 * ForwardingStatement}'s, and {@code RoutedDelegationTest} fails when an interface method is not
 * delegated. Used by one thread at a time, like the drivers' statements.
 */
class RoutedStatement extends ForwardingStatement {
  /** How an execution method may use the connection. */
  enum Kind {
    /** {@code executeQuery}: a read, unless its SQL says otherwise; may run again. */
    QUERY,
    /** {@code execute}: may write; may run again when the connection is read-only. */
    EXECUTE,
    /** The update and batch methods: write, never run again. */
    UPDATE
  }

  /**
   * One execution call on the physical statement, given the SQL text too so that the common calls
   * ({@code executeQuery(sql)}…) are non-capturing lambdas, allocated once.
   */
  @FunctionalInterface
  interface Call<T> {
    T run(Statement target, @Nullable String sql) throws SQLException;
  }

  final StatementOwner owner;
  private final @Nullable String sql;
  private Binding binding;
  private @Nullable RoutedResultSet current;

  /**
   * Wraps {@code target}, made on {@code binding} for {@code sql} (null for a plain statement);
   * with a {@code replay} (how it was made), its first execution may run again elsewhere.
   */
  RoutedStatement(
      Statement target,
      StatementOwner owner,
      Binding binding,
      @Nullable String sql,
      StatementReplay.@Nullable Factory replay) {
    super(target, replay);
    this.owner = owner;
    this.binding = binding;
    this.sql = sql;
  }

  /** The binding this statement runs on now (it changes when a failed read ran elsewhere). */
  final Binding binding() {
    return binding;
  }

  /** Runs one execution, telling the owner, and runs a failed first read again when allowed. */
  final <T> T run(Kind kind, @Nullable String text, Call<T> call) throws SQLException {
    Binding b = binding;
    boolean first = owner.beforeExecute(b, mayWrite(kind, text));
    StatementReplay.Factory r = replay;
    // Only a statement's first execution may run again: after it, results may have been seen.
    replay = null;
    try {
      return call.run(target, text);
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
      StatementReplay.Factory r,
      SQLException e)
      throws SQLException {
    Statement old = target;
    Binding fresh = owner.rebindForRetry(failed, e, this);
    JdbcClose.quietly(old);
    if (fresh == null) {
      throw e;
    }
    try {
      target = rebuild(r, fresh.forStatements(), sql == null ? "" : sql);
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
    return query(run(Kind.QUERY, a0, (s, q) -> s.executeQuery(q)));
  }

  @Override
  public boolean execute(String a0) throws SQLException {
    return run(Kind.EXECUTE, a0, (s, q) -> s.execute(q));
  }

  @Override
  public boolean execute(String a0, int a1) throws SQLException {
    return run(Kind.EXECUTE, a0, (s, q) -> s.execute(q, a1));
  }

  @Override
  public boolean execute(String a0, int[] a1) throws SQLException {
    return run(Kind.EXECUTE, a0, (s, q) -> s.execute(q, a1));
  }

  @Override
  public boolean execute(String a0, String[] a1) throws SQLException {
    return run(Kind.EXECUTE, a0, (s, q) -> s.execute(q, a1));
  }

  @Override
  public int executeUpdate(String a0) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeUpdate(q));
  }

  @Override
  public int executeUpdate(String a0, int a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeUpdate(q, a1));
  }

  @Override
  public int executeUpdate(String a0, int[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeUpdate(q, a1));
  }

  @Override
  public int executeUpdate(String a0, String[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeUpdate(q, a1));
  }

  @Override
  public long executeLargeUpdate(String a0) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeLargeUpdate(q));
  }

  @Override
  public long executeLargeUpdate(String a0, int a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeLargeUpdate(q, a1));
  }

  @Override
  public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeLargeUpdate(q, a1));
  }

  @Override
  public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
    return run(Kind.UPDATE, a0, (s, q) -> s.executeLargeUpdate(q, a1));
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return run(Kind.UPDATE, null, (s, q) -> s.executeBatch());
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return run(Kind.UPDATE, null, (s, q) -> s.executeLargeBatch());
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
}
