package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a logical connection that are rarely changed (isolation, catalog, schema,
 * holdability, network timeout, client info, type map), recorded so they can be answered before a
 * physical connection exists and applied to whichever physical connection is bound (again after
 * every move between primary and replica). Created at the first such setting: most connections
 * never change them, and every read cycle makes a connection. Read-only and auto-commit, which
 * every connection has, are fields of the connection itself ({@link RecordedSettingsConnection}).
 * Null values were never set: the physical connection's own value stands. Confined to its logical
 * connection; not thread-safe.
 */
final class ConnectionSettings {
  @Nullable Integer isolation;
  @Nullable String catalog;
  @Nullable String schema;
  @Nullable Integer holdability;
  @Nullable Integer networkTimeoutMillis;
  @Nullable Executor networkTimeoutExecutor;
  @Nullable Properties clientInfo;
  @Nullable Map<String, Class<?>> typeMap;

  /** Applies every recorded setting to {@code c}, a freshly borrowed physical connection. */
  void applyTo(Connection c) throws SQLException {
    if (isolation != null) {
      c.setTransactionIsolation(isolation);
    }
    if (catalog != null) {
      c.setCatalog(catalog);
    }
    if (schema != null) {
      c.setSchema(schema);
    }
    if (holdability != null) {
      c.setHoldability(holdability);
    }
    if (networkTimeoutMillis != null) {
      Executor executor = networkTimeoutExecutor != null ? networkTimeoutExecutor : Runnable::run;
      c.setNetworkTimeout(executor, networkTimeoutMillis);
    }
    if (clientInfo != null) {
      c.setClientInfo(clientInfo);
    }
    if (typeMap != null) {
      c.setTypeMap(typeMap);
    }
  }

  void putClientInfo(String name, @Nullable String value) {
    Properties p = clientInfo;
    if (p == null) {
      p = new Properties();
      clientInfo = p;
    }
    if (value == null) {
      p.remove(name);
    } else {
      p.setProperty(name, value);
    }
  }
}
