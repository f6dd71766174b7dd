package dev.ballast.jdbc;

import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Helpers for the tests on a real MariaDB cluster: router properties, where a connection landed.
 */
final class MariaDbRouterSupport {
  private MariaDbRouterSupport() {}

  /**
   * Properties for {@code cluster}: primary + every replica with its zone, {@code ballast.zone=a},
   * small pools, a 200 ms health interval: the PostgreSQL tests' settings on MariaDB URLs.
   */
  static Properties properties(MariaDbCluster cluster) {
    Properties p = new Properties();
    p.setProperty("ballast.zone", "a");
    p.setProperty("ballast.jdbc.name", "maria");
    p.setProperty("ballast.jdbc.username", cluster.primary().user());
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl());
    p.setProperty("ballast.jdbc.primary.zone", cluster.primary().zone());
    for (MariaDbNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl());
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".zone", r.zone());
    }
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "4");
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "1");
    p.setProperty("ballast.jdbc.hikari.connectionTimeout", "5000");
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    return p;
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
    for (MariaDbNode n : cluster.nodes()) {
      if (n.port() == port) {
        return n.name();
      }
    }
    throw new AssertionError("no node on port " + port);
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
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
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
