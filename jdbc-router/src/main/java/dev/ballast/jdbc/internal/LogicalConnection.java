package dev.ballast.jdbc.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The connection a {@code RoutingDataSource} hands out: lazy, so that its role is known before it
 * touches a host.
 *
 * <p>Until its first real use (a statement, metadata, a savepoint, a LOB…) it holds no physical
 * connection and only records settings: read-only, auto-commit, isolation, schema, catalog,
 * holdability, network timeout, client info, type map; their getters answer from that record. At
 * first use it binds: read-only → a replica through the router (or the primary as fallback or for
 * read-your-writes), otherwise → the primary; then the recorded settings are applied to the
 * physical connection. This is what lets Spring's {@code DataSourceTransactionManager}, which calls
 * {@code setReadOnly(true)} after {@code getConnection()}, route read-only transactions to
 * replicas.
 *
 * <p>A transaction never moves: once statements ran with auto-commit off, a {@code setReadOnly}
 * that would change host throws (SQLState 25001) until commit or rollback. Outside a transaction
 * such a change gives the physical connection back to its pool (closing the statements made on it)
 * and binds again lazily.
 *
 * <p>A read that fails on a replica with a connection-class error (a restart killed the session) is
 * run once more on another replica, or the primary as {@code fallback} says, when that is safe:
 * read-only and auto-commit, the first execution on the binding ({@code executeQuery} or {@code
 * execute}), no other statement open on it, and nothing tied to the physical connection handed out.
 * A replica cannot have written anything, so the failed attempt left no effect behind. Never inside
 * a transaction, never after results were handed out, never for updates or batches.
 *
 * <p>Like the drivers' connections, not meant for concurrent use by several threads.
 */
public final class LogicalConnection implements Connection {
  private final Router router;
  private final boolean forReads;
  private final ConnectionSettings settings;
  private final List<Statement> statements = new ArrayList<>();
  private @Nullable Binding binding;
  private boolean closed;
  private boolean txWork;
  private boolean wroteInTx;
  // Since the last bind: whether a statement ran, and whether the physical connection (or an
  // object tied to it) was handed out. Either makes a failed read unsafe to run elsewhere.
  private boolean executedOnBinding;
  private boolean exposed;

  /**
   * A logical connection of {@code router}; {@code forReads} connections are read-only for good
   * ({@code setReadOnly(false)} is ignored, as the JDBC hint it is).
   *
   * @param defaultAutoCommit the pools' auto-commit default
   */
  public LogicalConnection(Router router, boolean forReads, boolean defaultAutoCommit) {
    this.router = router;
    this.forReads = forReads;
    this.settings = new ConnectionSettings(defaultAutoCommit, forReads);
  }

  /** The current binding, or null while unbound (for tests and diagnostics). */
  public @Nullable Binding binding() {
    return binding;
  }

  // ---- binding -------------------------------------------------------------------------------

  private Connection physical() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b == null) {
      b = bind();
    }
    return b.physical();
  }

  private Binding bind() throws SQLException {
    return bind(null);
  }

  /** Binds, avoiding replica {@code avoid} (one a read has just failed on), if not null. */
  private Binding bind(@Nullable Host avoid) throws SQLException {
    Binding b = settings.readOnly ? router.bindRead(avoid) : router.bindWrite();
    try {
      settings.applyTo(b.physical());
    } catch (SQLException e) {
      router.onError(b, e);
      router.release(b);
      if (avoid == null && b.reason() == RouteReason.READ && SqlStates.isConnectionFailure(e)) {
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
    binding = b;
    txWork = false;
    wroteInTx = false;
    executedOnBinding = false;
    exposed = false;
    return b;
  }

  private void unbind(Binding b) {
    binding = null;
    for (int i = statements.size() - 1; i >= 0; i--) {
      JdbcClose.quietly(statements.get(i));
    }
    statements.clear();
    try {
      if (txWork && !settings.autoCommit && !b.failed()) {
        // Uncommitted work is discarded, whatever the pool would have done with it.
        b.physical().rollback();
      }
    } catch (SQLException e) {
      router.onError(b, e);
    } finally {
      txWork = false;
      wroteInTx = false;
      router.release(b);
    }
  }

  private SQLException failed(SQLException e) {
    Binding b = binding;
    if (b != null) {
      router.onError(b, e);
    }
    return e;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
  }

  private boolean inTransaction() {
    return txWork && !settings.autoCommit;
  }

  // ---- statement callbacks ---------------------------------------------------------------------

  /** Called before each execution on {@code b}; returns whether it is the first on this binding. */
  boolean beforeExecute(Binding b) throws SQLException {
    checkOpen();
    if (binding != b) {
      throw new SQLException(
          "the statement belongs to a physical connection this connection has given back", "08003");
    }
    boolean first = !executedOnBinding;
    executedOnBinding = true;
    if (!settings.autoCommit) {
      txWork = true;
    }
    if (b.onPrimary() && !settings.readOnly) {
      // Any statement on a read-write primary connection counts as a write: parsing SQL to tell
      // reads from writes is what routers get wrong (functions with side effects, CTEs, locks).
      router.recordWrite();
      if (!settings.autoCommit) {
        wroteInTx = true;
      }
    }
    return first;
  }

  void afterExecute(Binding b) {
    if (binding == b && settings.autoCommit && b.onPrimary() && !settings.readOnly) {
      router.recordCommit(b.physical());
    }
  }

  void executeFailed(Binding b, SQLException e) {
    router.onError(b, e);
  }

  /**
   * Whether the first execution of {@code proxy}, which failed on {@code b} with {@code e}, may run
   * again elsewhere: a connection-class failure of read-only, auto-commit work on a replica, with
   * {@code proxy} the only statement open and nothing tied to the physical connection handed out.
   */
  boolean mayRetry(Binding b, SQLException e, Statement proxy) {
    return binding == b
        && !closed
        && readOnlyAutoCommitRead(b)
        && statements.size() == 1
        && statements.get(0) == proxy
        && SqlStates.isConnectionFailure(e);
  }

  /**
   * Gives {@code failed} back as failed (its pool is retired, the balancer told) and binds again
   * avoiding its host, keeping {@code proxy} open; null when no host could be bound, the reason
   * then suppressed in {@code e}.
   */
  @Nullable Binding rebindForRetry(Binding failed, SQLException e, Statement proxy) {
    router.onError(failed, e);
    statements.clear(); // proxy alone, which moves to the new binding
    unbind(failed);
    Binding fresh;
    try {
      fresh = bind(failed.host());
    } catch (SQLException again) {
      e.addSuppressed(again);
      return null;
    }
    router.retried(failed, fresh, e);
    statements.add(proxy);
    return fresh;
  }

  void statementClosed(Statement proxy) {
    for (int i = statements.size() - 1; i >= 0; i--) {
      if (statements.get(i) == proxy) {
        statements.remove(i);
        return;
      }
    }
  }

  private <T extends Statement> T track(T physicalStatement, Class<T> type) throws SQLException {
    return track(physicalStatement, type, null);
  }

  /**
   * Wraps {@code physicalStatement}; {@code factory} makes the same statement on another physical
   * connection, for a read's retry (kept only while one is possible).
   */
  private <T extends Statement> T track(
      T physicalStatement, Class<T> type, StatementReplay.@Nullable Factory factory)
      throws SQLException {
    Binding b = binding;
    if (b == null) {
      JdbcClose.quietly(physicalStatement);
      throw new SQLException("the connection lost its binding", "08003");
    }
    StatementReplay replay = null;
    if (factory != null
        && readOnlyAutoCommitRead(b)
        && !executedOnBinding
        && statements.isEmpty()) {
      replay = new StatementReplay(factory);
    }
    T proxy = StatementHandler.wrap(physicalStatement, type, this, b, replay);
    statements.add(proxy);
    return proxy;
  }

  /**
   * Whether {@code b} serves read-only, auto-commit work on a replica with nothing tied to its
   * physical connection handed out: the only work a failed first execution may re-run elsewhere.
   */
  private boolean readOnlyAutoCommitRead(Binding b) {
    return b.reason() == RouteReason.READ && settings.readOnly && settings.autoCommit && !exposed;
  }

  /** The physical connection, for a call that hands out something tied to it. */
  private Connection exposedPhysical() throws SQLException {
    Connection c = physical();
    exposed = true;
    return c;
  }

  // ---- statements ------------------------------------------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    try {
      return track(physical().createStatement(), Statement.class, Connection::createStatement);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    try {
      return track(
          physical().createStatement(resultSetType, resultSetConcurrency),
          Statement.class,
          c -> c.createStatement(resultSetType, resultSetConcurrency));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    try {
      return track(
          physical().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability),
          Statement.class,
          c -> c.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    try {
      return track(
          physical().prepareStatement(sql), PreparedStatement.class, c -> c.prepareStatement(sql));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    try {
      return track(
          physical().prepareStatement(sql, autoGeneratedKeys),
          PreparedStatement.class,
          c -> c.prepareStatement(sql, autoGeneratedKeys));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    try {
      return track(
          physical().prepareStatement(sql, columnIndexes),
          PreparedStatement.class,
          c -> c.prepareStatement(sql, columnIndexes));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    try {
      return track(
          physical().prepareStatement(sql, columnNames),
          PreparedStatement.class,
          c -> c.prepareStatement(sql, columnNames));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    try {
      return track(
          physical().prepareStatement(sql, resultSetType, resultSetConcurrency),
          PreparedStatement.class,
          c -> c.prepareStatement(sql, resultSetType, resultSetConcurrency));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    try {
      return track(
          physical()
              .prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
          PreparedStatement.class,
          c -> c.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    try {
      return track(physical().prepareCall(sql), CallableStatement.class);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    try {
      return track(
          physical().prepareCall(sql, resultSetType, resultSetConcurrency),
          CallableStatement.class);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    try {
      return track(
          physical().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
          CallableStatement.class);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    try {
      return physical().nativeSQL(sql);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    try {
      return exposedPhysical().getMetaData();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  // ---- transactions ----------------------------------------------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b == null || autoCommit == settings.autoCommit) {
      settings.autoCommit = autoCommit;
      return;
    }
    try {
      b.physical().setAutoCommit(autoCommit);
    } catch (SQLException e) {
      throw failed(e);
    }
    settings.autoCommit = autoCommit;
    if (autoCommit) {
      // Turning auto-commit on commits the open transaction (JDBC).
      boolean wrote = wroteInTx;
      txWork = false;
      wroteInTx = false;
      if (wrote) {
        router.recordCommit(b.physical());
      }
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return settings.autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b == null) {
      return; // nothing ran, nothing to commit
    }
    try {
      b.physical().commit();
    } catch (SQLException e) {
      throw failed(e);
    }
    boolean wrote = wroteInTx;
    txWork = false;
    wroteInTx = false;
    if (wrote) {
      router.recordCommit(b.physical());
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b == null) {
      return;
    }
    try {
      b.physical().rollback();
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      txWork = false;
      wroteInTx = false;
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    try {
      Savepoint s = physical().setSavepoint();
      txWork = !settings.autoCommit;
      return s;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    try {
      Savepoint s = physical().setSavepoint(name);
      txWork = !settings.autoCommit;
      return s;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    try {
      physical().rollback(savepoint);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    try {
      physical().releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  // ---- routing-relevant settings ---------------------------------------------------------------

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    if (forReads && !readOnly) {
      return;
    }
    Binding b = binding;
    if (b == null || readOnly == settings.readOnly) {
      settings.readOnly = readOnly;
      return;
    }
    boolean moves = readOnly ? b.reason() == RouteReason.WRITE : b.reason() == RouteReason.READ;
    if (moves) {
      if (inTransaction()) {
        throw new SQLException(
            readOnly
                ? "cannot switch to a replica inside a transaction: this connection is on the"
                    + " primary '"
                    + b.host().name()
                    + "' and has run statements since the last commit or rollback; commit or"
                    + " roll back first, or call setReadOnly(true) before the transaction's first"
                    + " statement"
                : "cannot switch to the primary inside a transaction: this connection is on"
                    + " replica '"
                    + b.host().name()
                    + "' and has run statements since the last commit or rollback; commit or"
                    + " roll back first, or call setReadOnly(false) before the transaction's"
                    + " first statement",
            "25001");
      }
      settings.readOnly = readOnly;
      unbind(b);
      return;
    }
    try {
      b.physical().setReadOnly(readOnly);
    } catch (SQLException e) {
      throw failed(e);
    }
    settings.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return settings.readOnly;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    applyIfBound(c -> c.setTransactionIsolation(level));
    settings.isolation = level;
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    Integer level = settings.isolation;
    if (level != null) {
      checkOpen();
      return level;
    }
    try {
      return physical().getTransactionIsolation();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    applyIfBound(c -> c.setCatalog(catalog));
    settings.catalog = catalog;
  }

  @Override
  public @Nullable String getCatalog() throws SQLException {
    String c = settings.catalog;
    if (c != null) {
      checkOpen();
      return c;
    }
    try {
      return physical().getCatalog();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    applyIfBound(c -> c.setSchema(schema));
    settings.schema = schema;
  }

  @Override
  public @Nullable String getSchema() throws SQLException {
    String s = settings.schema;
    if (s != null) {
      checkOpen();
      return s;
    }
    try {
      return physical().getSchema();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    applyIfBound(c -> c.setHoldability(holdability));
    settings.holdability = holdability;
  }

  @Override
  public int getHoldability() throws SQLException {
    Integer h = settings.holdability;
    if (h != null) {
      checkOpen();
      return h;
    }
    try {
      return physical().getHoldability();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    applyIfBound(c -> c.setNetworkTimeout(executor, milliseconds));
    settings.networkTimeoutMillis = milliseconds;
    settings.networkTimeoutExecutor = executor;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    Integer t = settings.networkTimeoutMillis;
    if (t != null) {
      checkOpen();
      return t;
    }
    try {
      return physical().getNetworkTimeout();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b != null && settings.typeMap == null) {
      try {
        return b.physical().getTypeMap();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    return settings.typeMapOrEmpty();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    applyIfBound(c -> c.setTypeMap(map));
    settings.typeMap = map;
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("the connection is closed", "08003", Map.of());
    }
    Binding b = binding;
    if (b != null) {
      b.physical().setClientInfo(name, value);
    }
    settings.putClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("the connection is closed", "08003", Map.of());
    }
    Binding b = binding;
    if (b != null) {
      b.physical().setClientInfo(properties);
    }
    for (String name : properties.stringPropertyNames()) {
      settings.putClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public @Nullable String getClientInfo(String name) throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b != null) {
      try {
        return b.physical().getClientInfo(name);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    Properties p = settings.clientInfo;
    return p == null ? null : p.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b != null) {
      try {
        return b.physical().getClientInfo();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    Properties copy = new Properties();
    Properties p = settings.clientInfo;
    if (p != null) {
      copy.putAll(p);
    }
    return copy;
  }

  // ---- objects that need a physical connection -------------------------------------------------

  @Override
  public Clob createClob() throws SQLException {
    try {
      return exposedPhysical().createClob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    try {
      return exposedPhysical().createBlob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    try {
      return exposedPhysical().createNClob();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    try {
      return exposedPhysical().createSQLXML();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    try {
      return exposedPhysical().createArrayOf(typeName, elements);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    try {
      return exposedPhysical().createStruct(typeName, attributes);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  // ---- state, warnings, lifecycle --------------------------------------------------------------

  @Override
  public @Nullable SQLWarning getWarnings() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b == null) {
      return null;
    }
    try {
      return b.physical().getWarnings();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b != null) {
      try {
        b.physical().clearWarnings();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("timeout: " + timeout + " (expected: seconds >= 0)", "22023");
    }
    if (closed) {
      return false;
    }
    Binding b = binding;
    // Unbound, there is nothing to validate: the pools validate what they hand out.
    return b == null || b.physical().isValid(timeout);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Gives the physical connection back to its pool (rolling back uncommitted work). Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Binding b = binding;
    if (b != null) {
      unbind(b);
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    Binding b = binding;
    if (b != null) {
      binding = null;
      statements.clear();
      try {
        b.markFailed();
        b.physical().abort(executor);
      } finally {
        router.release(b);
      }
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return exposedPhysical().unwrap(iface);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return physical().isWrapperFor(iface);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String toString() {
    Binding b = binding;
    return "LogicalConnection["
        + router.config().name()
        + (closed ? ", closed" : b == null ? ", unbound" : ", on " + b)
        + ", readOnly="
        + settings.readOnly
        + ", autoCommit="
        + settings.autoCommit
        + "]";
  }

  /** One call on the physical connection. */
  @FunctionalInterface
  private interface PhysicalCall {
    void apply(Connection physical) throws SQLException;
  }

  /**
   * Applies a setting to the physical connection at once when one is bound; the caller also records
   * it, so a later binding gets it too.
   */
  private void applyIfBound(PhysicalCall call) throws SQLException {
    checkOpen();
    Binding b = binding;
    if (b != null) {
      try {
        call.apply(b.physical());
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }
}
