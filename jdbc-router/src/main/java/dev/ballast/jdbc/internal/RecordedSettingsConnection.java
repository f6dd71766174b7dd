package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link LogicalConnection}: read-only and auto-commit (which route, and are
 * changed by the subclass), and those that do not route: isolation, catalog, schema, holdability,
 * network timeout, type map and client info. Each is recorded (so that a later binding gets it too)
 * and applied at once when a physical connection is bound; getters answer from the record, else
 * from the physical connection.
 */
abstract class RecordedSettingsConnection extends ForwardingConnection {
  /** The auto-commit mode asked for (applied at bind). */
  boolean autoCommit;

  /** The read-only mode asked for: it decides the route at bind. */
  boolean readOnly;

  /** The rarely changed settings, null until one is set. */
  private @Nullable ConnectionSettings recorded;

  RecordedSettingsConnection(boolean autoCommit, boolean readOnly) {
    this.autoCommit = autoCommit;
    this.readOnly = readOnly;
  }

  /** The record of the rarely changed settings, to set one of them. */
  private ConnectionSettings recorded() {
    ConnectionSettings r = recorded;
    if (r == null) {
      r = new ConnectionSettings();
      recorded = r;
    }
    return r;
  }

  /** Applies every recorded setting to {@code c}, a freshly borrowed physical connection. */
  final void applySettings(Connection c) throws SQLException {
    // Read-only first: pgjdbc refuses to change it once a transaction is open.
    if (c.isReadOnly() != readOnly) {
      c.setReadOnly(readOnly);
    }
    if (c.getAutoCommit() != autoCommit) {
      c.setAutoCommit(autoCommit);
    }
    ConnectionSettings r = recorded;
    if (r != null) {
      r.applyTo(c);
    }
  }

  /**
   * @throws SQLException 08003 when closed
   */
  abstract void checkOpen() throws SQLException;

  /** Whether this connection was closed. */
  @Override
  public abstract boolean isClosed();

  /** One call on the physical connection. */
  @FunctionalInterface
  private interface PhysicalCall {
    void apply(Connection physical) throws SQLException;
  }

  /** Applies a setting to the physical connection at once when one is bound. */
  private void applyIfBound(PhysicalCall call) throws SQLException {
    Connection c = boundPhysical();
    if (c != null) {
      try {
        call.apply(c);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  @Override
  public final void setTransactionIsolation(int level) throws SQLException {
    applyIfBound(c -> c.setTransactionIsolation(level));
    recorded().isolation = level;
  }

  @Override
  public final int getTransactionIsolation() throws SQLException {
    Integer level = recorded == null ? null : recorded.isolation;
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
  public final void setCatalog(String catalog) throws SQLException {
    applyIfBound(c -> c.setCatalog(catalog));
    recorded().catalog = catalog;
  }

  @Override
  public final @Nullable String getCatalog() throws SQLException {
    String c = recorded == null ? null : recorded.catalog;
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
  public final void setSchema(String schema) throws SQLException {
    applyIfBound(c -> c.setSchema(schema));
    recorded().schema = schema;
  }

  @Override
  public final @Nullable String getSchema() throws SQLException {
    String s = recorded == null ? null : recorded.schema;
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
  public final void setHoldability(int holdability) throws SQLException {
    applyIfBound(c -> c.setHoldability(holdability));
    recorded().holdability = holdability;
  }

  @Override
  public final int getHoldability() throws SQLException {
    Integer h = recorded == null ? null : recorded.holdability;
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
  public final void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    applyIfBound(c -> c.setNetworkTimeout(executor, milliseconds));
    ConnectionSettings o = recorded();
    o.networkTimeoutMillis = milliseconds;
    o.networkTimeoutExecutor = executor;
  }

  @Override
  public final int getNetworkTimeout() throws SQLException {
    Integer t = recorded == null ? null : recorded.networkTimeoutMillis;
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
  public final Map<String, Class<?>> getTypeMap() throws SQLException {
    Connection c = boundPhysical();
    if (c != null && (recorded == null || recorded.typeMap == null)) {
      try {
        return c.getTypeMap();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    ConnectionSettings r = recorded;
    return r == null || r.typeMap == null ? new HashMap<>() : new HashMap<>(r.typeMap);
  }

  @Override
  public final void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    applyIfBound(c -> c.setTypeMap(map));
    recorded().typeMap = map;
  }

  @Override
  public final void setClientInfo(String name, String value) throws SQLClientInfoException {
    boundForClientInfo().ifPresent(c -> c.setClientInfo(name, value));
    recorded().putClientInfo(name, value);
  }

  @Override
  public final void setClientInfo(Properties properties) throws SQLClientInfoException {
    boundForClientInfo().ifPresent(c -> c.setClientInfo(properties));
    for (String name : properties.stringPropertyNames()) {
      recorded().putClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public final @Nullable String getClientInfo(String name) throws SQLException {
    Connection c = boundPhysical();
    if (c != null) {
      try {
        return c.getClientInfo(name);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    Properties p = recorded == null ? null : recorded.clientInfo;
    return p == null ? null : p.getProperty(name);
  }

  @Override
  public final Properties getClientInfo() throws SQLException {
    Connection c = boundPhysical();
    if (c != null) {
      try {
        return c.getClientInfo();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    Properties copy = new Properties();
    Properties p = recorded == null ? null : recorded.clientInfo;
    if (p != null) {
      copy.putAll(p);
    }
    return copy;
  }

  /** A client-info call on the physical connection, if bound. */
  @FunctionalInterface
  interface ClientInfoCall {
    void apply(Connection physical) throws SQLClientInfoException;
  }

  /** The bound physical connection for a client-info setter, which has its own exception type. */
  private BoundClientInfo boundForClientInfo() throws SQLClientInfoException {
    if (isClosed()) {
      throw new SQLClientInfoException("the connection is closed", "08003", Map.of());
    }
    try {
      return new BoundClientInfo(boundPhysical());
    } catch (SQLException e) {
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
    }
  }

  /** The bound physical connection, or none. */
  private record BoundClientInfo(@Nullable Connection physical) {
    void ifPresent(ClientInfoCall call) throws SQLClientInfoException {
      Connection c = physical;
      if (c != null) {
        call.apply(c);
      }
    }
  }
}
