package dev.ballast.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for tests against a real {@link MariaDbCluster}, as the application user. */
final class MariaDbTestSupport {

  private MariaDbTestSupport() {}

  static void execute(MariaDbNode node, String sql) {
    execute(node, node.databaseName(), sql);
  }

  static void execute(MariaDbNode node, String database, String sql) {
    try (Connection c = node.dataSource(database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(node.name() + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  static String queryString(MariaDbNode node, String database, String sql) {
    try (Connection c = node.dataSource(database).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(node.name() + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows of {@code table} in the main database of {@code node}. */
  static long rows(MariaDbNode node, String table) {
    return Long.parseLong(queryString(node, node.databaseName(), "SELECT COUNT(*) FROM " + table));
  }
}
