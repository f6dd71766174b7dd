package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Probes through the host's own {@link DataSource} (the user's pool, in builder mode): one
 * connection borrowed per probe and given back at once, so the monitor never keeps a pool slot.
 */
public final class PooledProbeConnector implements ProbeConnector {
  private final DataSource dataSource;

  /** Borrows from {@code dataSource}. */
  public PooledProbeConnector(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection acquire() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void release(Connection connection, boolean broken) {
    JdbcClose.quietly(connection);
  }

  @Override
  public void close() {}
}
