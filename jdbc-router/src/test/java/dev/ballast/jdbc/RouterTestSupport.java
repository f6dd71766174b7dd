package dev.ballast.jdbc;

import dev.ballast.testkit.DbNode;
import dev.ballast.testkit.PostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/** Shared helpers for the integration tests: properties for a testkit cluster, host lookups. */
final class RouterTestSupport {
  private RouterTestSupport() {}

  /**
   * Properties for {@code cluster}: primary + every replica with its zone, {@code ballast.zone=a},
   * small pools, a 200 ms health interval.
   */
  static Properties properties(PostgresCluster cluster) {
    return properties("test-db", cluster.primary(), cluster.replicas());
  }

  /** The same settings for any engine's nodes, under the router name {@code name}. */
  static Properties properties(String name, DbNode primary, List<? extends DbNode> replicas) {
    Properties p = new Properties();
    p.setProperty("ballast.zone", "a");
    p.setProperty("ballast.jdbc.name", name);
    p.setProperty("ballast.jdbc.username", primary.user());
    p.setProperty("ballast.jdbc.primary.url", primary.jdbcUrl());
    p.setProperty("ballast.jdbc.primary.zone", primary.zone());
    for (DbNode r : replicas) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl());
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".zone", r.zone());
    }
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "4");
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "1");
    p.setProperty("ballast.jdbc.hikari.connectionTimeout", "5000");
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    return p;
  }

  /** The port of the server {@code c} is connected to ({@code inet_server_port()}). */
  static int serverPort(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The name of the node listening on {@code port}. */
  static String nodeName(PostgresCluster cluster, int port) {
    return nodeName(cluster.nodes(), port);
  }

  /** The name of the one of {@code nodes} listening on {@code port}. */
  static String nodeName(List<? extends DbNode> nodes, int port) {
    for (DbNode n : nodes) {
      if (n.port() == port) {
        return n.name();
      }
    }
    throw new AssertionError("no node on port " + port);
  }

  /** The node a fresh connection of {@code ds} with the given read-only flag reaches. */
  static String route(PostgresCluster cluster, DataSource ds, boolean readOnly)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(readOnly);
      return nodeName(cluster, serverPort(c));
    }
  }

  /** Runs {@code sql} on {@code node} directly (not through the router). */
  static void execute(DbNode node, String sql) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A single long from {@code sql} on {@code node} directly. */
  static long queryLong(DbNode node, String sql) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
