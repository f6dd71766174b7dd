package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import java.sql.SQLException;

/**
 * SQL statements on one node's {@link ControlConnection} whose failures become a {@link
 * PgClusterException} naming the node, the operation and, when so, that the node is stopped: {@code
 * <node>: <operation> failed[ (node is stopped)]: <driver message>}.
 */
final class NodeStatements {

  private final PgServer server;
  private final ControlConnection control;

  NodeStatements(PgServer server, ControlConnection control) {
    this.server = server;
    this.control = control;
  }

  <T> T queryRow(String operation, String sql, ControlConnection.ResultReader<T> reader) {
    try {
      return control.queryRow(sql, reader);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  boolean queryBoolean(String operation, String sql) {
    return queryRow(operation, sql, rs -> rs.getBoolean(1));
  }

  long queryLong(String operation, String sql) {
    return queryRow(operation, sql, rs -> rs.getLong(1));
  }

  void execute(String operation, String sql) {
    try {
      control.execute(sql);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private PgClusterException failure(String operation, SQLException e) {
    String state = server.isRunning() ? "" : " (node is stopped)";
    return new PgClusterException(
        server.name() + ": " + operation + " failed" + state + ": " + e.getMessage(), e);
  }
}
