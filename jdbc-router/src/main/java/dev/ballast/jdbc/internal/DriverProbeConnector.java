package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Probes over one dedicated driver connection per host, outside the host's pool, kept open between
 * probes. Outside the pool because a pool waits its whole connection timeout for a dead host, while
 * a direct connect to a stopped server is refused at once; and because a probe must not take a slot
 * that the application needs.
 */
public final class DriverProbeConnector implements ProbeConnector {
  private final String url;
  private final @Nullable String driverClassName;
  private final Properties properties;
  private final int timeoutMillis;
  private @Nullable Connection cached;
  private boolean closed;

  /**
   * A connector to {@code url} through {@code driverClassName} (as HikariCP's {@code
   * driverClassName}; null: the driver {@link DriverManager} finds for the URL); {@code properties}
   * carry user, password and driver settings. For pgjdbc URLs a {@code connectTimeout} of {@code
   * timeout} (rounded up to whole seconds) is added unless the properties or URL set one; every
   * connection gets {@code timeout} as network timeout.
   */
  public DriverProbeConnector(
      String url, @Nullable String driverClassName, Properties properties, Duration timeout) {
    this.url = url;
    this.driverClassName = driverClassName;
    this.properties = new Properties();
    this.properties.putAll(properties);
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    if (url.startsWith("jdbc:postgresql:")
        && !url.contains("connectTimeout=")
        && !this.properties.containsKey("connectTimeout")) {
      long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
      this.properties.setProperty("connectTimeout", Long.toString(seconds));
    }
  }

  @Override
  public synchronized Connection acquire() throws SQLException {
    if (closed) {
      throw new SQLException("the router is closed", "08003");
    }
    Connection c = cached;
    if (c != null) {
      return c;
    }
    Connection fresh = driver().connect(url, properties);
    if (fresh == null) {
      throw new SQLException("no driver accepts " + Urls.mask(url), "08001");
    }
    try {
      fresh.setAutoCommit(true);
      // Some drivers need an executor; pgjdbc ignores it and sets the socket timeout.
      fresh.setNetworkTimeout(Runnable::run, timeoutMillis);
    } catch (SQLException | RuntimeException e) {
      JdbcClose.quietly(fresh);
      throw e;
    }
    cached = fresh;
    return fresh;
  }

  private Driver driver() throws SQLException {
    String className = driverClassName;
    if (className == null) {
      return DriverManager.getDriver(url);
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type =
          Class.forName(className, true, loader != null ? loader : getClass().getClassLoader());
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException(
          "driverClassName: " + className + " (expected: a JDBC driver class)", "08001", e);
    }
  }

  @Override
  public boolean retriesOnFreshConnection() {
    return true;
  }

  @Override
  public synchronized void release(Connection connection, boolean broken) {
    if (broken || closed) {
      if (cached == connection) {
        cached = null;
      }
      JdbcClose.quietly(connection);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    Connection c = cached;
    cached = null;
    JdbcClose.quietly(c);
  }
}
