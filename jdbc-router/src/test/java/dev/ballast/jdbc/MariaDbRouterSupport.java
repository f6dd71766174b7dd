package dev.ballast.jdbc;

import dev.ballast.testkit.DbNode;
import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Helpers for the tests on a real MariaDB cluster: router properties, where a connection landed.
 */
final class MariaDbRouterSupport {
  private MariaDbRouterSupport() {}

  /** {@link RouterTestSupport#properties(String, DbNode, List)} for {@code cluster}. */
  static Properties properties(MariaDbCluster cluster) {
    return RouterTestSupport.properties("maria", cluster.primary(), cluster.replicas());
  }

  /** The port of the server {@code c} is connected to. */
  static int serverPort(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@port")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The name of the node listening on {@code port}. */
  static String nodeName(MariaDbCluster cluster, int port) {
    return RouterTestSupport.nodeName(cluster.nodes(), port);
  }

  /** The node a fresh connection of {@code ds} with the given read-only flag reaches. */
  static String route(MariaDbCluster cluster, DataSource ds, boolean readOnly) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(readOnly);
      return nodeName(cluster, serverPort(c));
    }
  }

  /** Runs {@code sql} on {@code node} directly (not through the router). */
  static void execute(MariaDbNode node, String sql) throws SQLException {
    RouterTestSupport.execute(node, sql);
  }

  /** How many sessions of the application user {@code node} serves, not counting the asker's. */
  static long appSessions(MariaDbNode node) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.processlist"
                    + " WHERE user = '"
                    + node.user()
                    + "' AND id <> CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
