package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The session settings a logical connection's user asked for, recorded so they can be answered
 * before a physical connection exists and applied to whichever physical connection is bound (again
 * after every move between primary and replica). Null values were never set: the physical
 * connection's own value stands. Confined to its logical connection; not thread-safe.
 */
final class ConnectionSettings {
  boolean autoCommit;
  boolean readOnly;

  /**
   * Everything but auto-commit and read-only, created at the first such setting: most connections
   * never change them, and every read cycle makes a connection.
   */
  private @Nullable Others others;

  /** The settings that are rarely changed; null fields were never set. */
  static final class Others {
    @Nullable Integer isolation;
    @Nullable String catalog;
    @Nullable String schema;
    @Nullable Integer holdability;
    @Nullable Integer networkTimeoutMillis;
    @Nullable Executor networkTimeoutExecutor;
    @Nullable Properties clientInfo;
    @Nullable Map<String, Class<?>> typeMap;
  }

  ConnectionSettings(boolean autoCommit, boolean readOnly) {
    this.autoCommit = autoCommit;
    this.readOnly = readOnly;
  }

  /** The rarely changed settings, to set one of them. */
  Others others() {
    Others o = others;
    if (o == null) {
      o = new Others();
      others = o;
    }
    return o;
  }

  @Nullable Integer isolation() {
    Others o = others;
    return o == null ? null : o.isolation;
  }

  @Nullable String catalog() {
    Others o = others;
    return o == null ? null : o.catalog;
  }

  @Nullable String schema() {
    Others o = others;
    return o == null ? null : o.schema;
  }

  @Nullable Integer holdability() {
    Others o = others;
    return o == null ? null : o.holdability;
  }

  @Nullable Integer networkTimeoutMillis() {
    Others o = others;
    return o == null ? null : o.networkTimeoutMillis;
  }

  @Nullable Properties clientInfo() {
    Others o = others;
    return o == null ? null : o.clientInfo;
  }

  @Nullable Map<String, Class<?>> typeMap() {
    Others o = others;
    return o == null ? null : o.typeMap;
  }

  /** Applies every recorded setting to {@code c}, a freshly borrowed physical connection. */
  void applyTo(Connection c) throws SQLException {
    // Read-only first: pgjdbc refuses to change it once a transaction is open.
    if (c.isReadOnly() != readOnly) {
      c.setReadOnly(readOnly);
    }
    if (c.getAutoCommit() != autoCommit) {
      c.setAutoCommit(autoCommit);
    }
    Others o = others;
    if (o == null) {
      return;
    }
    if (o.isolation != null) {
      c.setTransactionIsolation(o.isolation);
    }
    if (o.catalog != null) {
      c.setCatalog(o.catalog);
    }
    if (o.schema != null) {
      c.setSchema(o.schema);
    }
    if (o.holdability != null) {
      c.setHoldability(o.holdability);
    }
    if (o.networkTimeoutMillis != null) {
      Executor executor =
          o.networkTimeoutExecutor != null ? o.networkTimeoutExecutor : Runnable::run;
      c.setNetworkTimeout(executor, o.networkTimeoutMillis);
    }
    if (o.clientInfo != null) {
      c.setClientInfo(o.clientInfo);
    }
    if (o.typeMap != null) {
      c.setTypeMap(o.typeMap);
    }
  }

  void putClientInfo(String name, @Nullable String value) {
    Others o = others();
    Properties p = o.clientInfo;
    if (p == null) {
      p = new Properties();
      o.clientInfo = p;
    }
    if (value == null) {
      p.remove(name);
    } else {
      p.setProperty(name, value);
    }
  }

  Map<String, Class<?>> typeMapOrEmpty() {
    Map<String, Class<?>> m = typeMap();
    return m == null ? new HashMap<>() : new HashMap<>(m);
  }
}
