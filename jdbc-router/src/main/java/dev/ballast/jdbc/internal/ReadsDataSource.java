package dev.ballast.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The read view of a router: every connection is read-only for good and goes to a replica (or the
 * primary, as fallback and read-your-writes say). Thread-safe.
 */
public final class ReadsDataSource implements DataSource {
  private final DataSource owner;
  private final ConnectionFactory factory;

  /** Makes read-only logical connections. */
  @FunctionalInterface
  public interface ConnectionFactory {
    /** A new read-only logical connection. */
    Connection readOnlyConnection() throws SQLException;
  }

  /** A view of {@code owner} whose connections come from {@code factory}. */
  public ReadsDataSource(DataSource owner, ConnectionFactory factory) {
    this.owner = owner;
    this.factory = factory;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return factory.readOnlyConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "per-call credentials are not supported: the pools' credentials are configured");
  }

  // The router's own settings and answers: the read view is the same data source, read-only.

  @Override
  public @Nullable PrintWriter getLogWriter() throws SQLException {
    return owner.getLogWriter();
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
    owner.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    owner.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return owner.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return owner.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return owner.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || owner.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "reads of " + owner;
  }
}
