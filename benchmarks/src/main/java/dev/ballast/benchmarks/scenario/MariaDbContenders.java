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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import software.amazon.jdbc.HikariPooledConnectionProvider;

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
    // the PostgreSQL setup (JdbcContenders#aws) with the wrapper's MariaDB dialect and URL scheme
    HikariPooledConnectionProvider provider =
        new HikariPooledConnectionProvider(
            (host, props) -> {
              HikariConfig c = new HikariConfig();
              c.setMaximumPoolSize(JdbcContenders.POOL_SIZE);
              c.setMinimumIdle(JdbcContenders.POOL_SIZE);
              c.setAutoCommit(true);
              return c;
            },
            null,
            (host, props) -> true,
            TimeUnit.MINUTES.toNanos(30),
            TimeUnit.MINUTES.toNanos(10));
    software.amazon.jdbc.Driver.setCustomConnectionProvider(provider);
    String url =
        "jdbc:aws-wrapper:mariadb://127.0.0.1:"
            + primary.port()
            + ",127.0.0.1:"
            + replica.port()
            + "/"
            + primary.databaseName();
    Properties props = new Properties();
    props.setProperty("user", primary.user());
    props.setProperty("wrapperPlugins", "readWriteSplitting");
    props.setProperty("wrapperDialect", "mariadb");
    props.setProperty("singleWriterConnectionString", "true");
    props.setProperty("readerHostSelectorStrategy", "random");
    DataSource ds =
        new JdbcContenders.DriverDataSource(new software.amazon.jdbc.Driver(), url, props);
    JdbcContenders.Contender contender =
        JdbcContenders.Contender.of(
            ds,
            ds,
            () -> {
              provider.releaseResources();
              software.amazon.jdbc.Driver.resetCustomConnectionProvider();
            });
    try {
      requireRouting(ds);
    } catch (SQLException | RuntimeException e) {
      contender.close();
      throw new IllegalStateException("AWS wrapper on MariaDB: read/write routing check failed", e);
    }
    return contender;
  }

  /** Fails unless read-only connections reach the replica and read-write ones the primary. */
  private static void requireRouting(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      if (!readOnlyServer(c)) {
        throw new IllegalStateException("a read-only connection reached the primary");
      }
    }
    try (Connection c = ds.getConnection()) {
      if (readOnlyServer(c)) {
        throw new IllegalStateException("a read-write connection reached a replica");
      }
    }
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
