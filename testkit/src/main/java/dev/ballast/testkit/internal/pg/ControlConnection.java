package dev.ballast.testkit.internal.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One superuser session kept open on a node for control statements and state queries, reopened
 * after the server was stopped or restarted. A new PostgreSQL session costs a process fork (15-25
 * ms measured on a loaded 2-core machine), which would otherwise dominate {@code
 * waitForReplication} and the resets between tests. Thread-safe: one statement at a time.
 */
final class ControlConnection implements AutoCloseable {

  /** Reads the result of a query. */
  @FunctionalInterface
  interface ResultReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final PgServer server;
  private final DataSource dataSource;
  private @Nullable Connection connection;
  private long openedInGeneration = -1;

  ControlConnection(PgServer server, DataSource dataSource) {
    this.server = server;
    this.dataSource = dataSource;
  }

  /** Runs a query that returns one row and reads it. */
  synchronized <T> T queryRow(String sql, ResultReader<T> reader) throws SQLException {
    Connection c = open();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from: " + sql);
      }
      return reader.read(rs);
    } catch (SQLException e) {
      discardIfBroken(c);
      throw e;
    }
  }

  /** Runs a statement whose result, if any, is ignored. */
  synchronized void execute(String sql) throws SQLException {
    Connection c = open();
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      discardIfBroken(c);
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    discard();
  }

  private Connection open() throws SQLException {
    long generation = server.generation();
    Connection current = connection;
    if (current != null && openedInGeneration == generation && !current.isClosed()) {
      return current;
    }
    discard();
    Connection opened = dataSource.getConnection();
    connection = opened;
    openedInGeneration = generation;
    return opened;
  }

  private void discardIfBroken(Connection c) {
    try {
      if (c.isClosed() || !c.isValid(1)) {
        discard();
      }
    } catch (SQLException e) {
      discard();
    }
  }

  private void discard() {
    Connection current = connection;
    connection = null;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        // the server side is gone already
      }
    }
  }
}
