package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@link JdbcContenders} of the JDBC overhead benchmark on MariaDB: raw HikariCP, Ballast and
 * the AWS Advanced JDBC Wrapper over MariaDB Connector/J, each with its own pools of {@value
 * JdbcContenders#POOL_SIZE} connections per host. Spring's routing is engine-blind and measured on
 * PostgreSQL only.
 */
final class MariaDbContenders {
  static final List<String> NAMES =
      List.of(
          JdbcContenders.NAMES.get(0),
          JdbcContenders.NAMES.get(1),
          "AWS Advanced JDBC Wrapper read/write splitting (internal pools, MariaDB Connector/J)");

  private MariaDbContenders() {}

  static HikariDataSource pool(MariaDbNode node, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(node.jdbcUrl());
    c.setUsername(node.user());
    c.setMaximumPoolSize(JdbcContenders.POOL_SIZE);
    c.setMinimumIdle(JdbcContenders.POOL_SIZE);
    c.setPoolName(name);
    c.setAutoCommit(true);
    return new HikariDataSource(c);
  }

  static JdbcContenders.Contender create(String name, MariaDbNode primary, MariaDbNode replica) {
    if (name.equals(NAMES.get(0))) {
      HikariDataSource p = pool(primary, "maria-raw-primary");
      HikariDataSource r = pool(replica, "maria-raw-replica");
      return JdbcContenders.Contender.of(
          r,
          p,
          () -> {
            p.close();
            r.close();
          });
    }
    if (name.equals(NAMES.get(1))) {
      HikariDataSource p = pool(primary, "maria-ballast-primary");
      HikariDataSource r = pool(replica, "maria-ballast-replica");
      RoutingDataSource router =
          RoutingDataSource.builder().name("bench-maria").primary(p).replica("r1", r).build();
      return JdbcContenders.Contender.of(
          router,
          router,
          () -> {
            router.close();
            p.close();
            r.close();
          });
    }
    return aws(primary, replica);
  }

  private static JdbcContenders.Contender aws(MariaDbNode primary, MariaDbNode replica) {
    return AwsWrapperContender.create(
        "mariadb",
        "mariadb",
        primary,
        replica,
        primary.databaseName(),
        MariaDbContenders::readOnlyServer,
        "AWS wrapper on MariaDB");
  }

  static boolean readOnlyServer(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@read_only")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /** Seeds {@code bench_items} on the primary: the PostgreSQL table's shape. */
  static void createTable(MariaDbNode primary) throws SQLException {
    try (Connection c = primary.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_items");
      s.execute("CREATE TABLE bench_items (id INT PRIMARY KEY, v BIGINT NOT NULL DEFAULT 0)");
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO bench_items (id) VALUES (?)")) {
        for (int i = 1; i <= JdbcContenders.ROWS; i++) {
          insert.setInt(1, i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }
}
