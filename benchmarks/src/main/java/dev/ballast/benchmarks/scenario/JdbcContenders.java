package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The ways of sending reads to a replica and writes to the primary that the JDBC overhead benchmark
 * compares, each with its own HikariCP pools of the same settings ({@value #POOL_SIZE} connections
 * per host, autocommit on).
 */
final class JdbcContenders {
  static final int POOL_SIZE = 4;
  static final int ROWS = 1_000;
  static final List<String> NAMES =
      List.of(
          "raw HikariCP (hand-picked pool)",
          "Ballast RoutingDataSource",
          "Spring LazyConnectionDataSourceProxy + AbstractRoutingDataSource",
          "AWS Advanced JDBC Wrapper read/write splitting (internal pools)");

  private JdbcContenders() {}

  /** A read or a write cycle, and how to release the contender. */
  interface Contender extends AutoCloseable {
    /** getConnection, setReadOnly(true), SELECT by primary key, close. */
    void read() throws SQLException;

    /** getConnection, UPDATE by primary key (autocommit), close. */
    void write() throws SQLException;

    @Override
    void close();

    /**
     * Read cycles on {@code reads}, write cycles on {@code writes}; {@code close} releases both.
     */
    static Contender of(DataSource reads, DataSource writes, Runnable close) {
      return new Contender() {
        @Override
        public void read() throws SQLException {
          readCycle(reads);
        }

        @Override
        public void write() throws SQLException {
          writeCycle(writes);
        }

        @Override
        public void close() {
          close.run();
        }
      };
    }
  }

  static HikariDataSource pool(PgNode node, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(node.jdbcUrl());
    c.setUsername(node.user());
    c.setMaximumPoolSize(POOL_SIZE);
    c.setMinimumIdle(POOL_SIZE);
    c.setPoolName(name);
    c.setAutoCommit(true);
    return new HikariDataSource(c);
  }

  static Contender create(String name, PgNode primary, PgNode replica) {
    switch (name) {
      case "raw HikariCP (hand-picked pool)":
        return raw(primary, replica);
      case "Ballast RoutingDataSource":
        return ballast(primary, replica);
      case "Spring LazyConnectionDataSourceProxy + AbstractRoutingDataSource":
        return spring(primary, replica);
      default:
        return aws(primary, replica);
    }
  }

  static void readCycle(DataSource reads) throws SQLException {
    try (Connection c = reads.getConnection()) {
      c.setReadOnly(true);
      select(c);
    }
  }

  static void writeCycle(DataSource writes) throws SQLException {
    try (Connection c = writes.getConnection()) {
      update(c);
    }
  }

  static void select(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT v FROM bench_items WHERE id = ?")) {
      s.setInt(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("row missing");
        }
      }
    }
  }

  static void update(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE bench_items SET v = v + 1 WHERE id = ?")) {
      s.setInt(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
      if (s.executeUpdate() != 1) {
        throw new SQLException("row missing");
      }
    }
  }

  private static Contender raw(PgNode primary, PgNode replica) {
    HikariDataSource p = pool(primary, "raw-primary");
    HikariDataSource r = pool(replica, "raw-replica");
    return Contender.of(
        r,
        p,
        () -> {
          p.close();
          r.close();
        });
  }

  private static Contender ballast(PgNode primary, PgNode replica) {
    HikariDataSource p = pool(primary, "ballast-primary");
    HikariDataSource r = pool(replica, "ballast-replica");
    RoutingDataSource router =
        RoutingDataSource.builder().name("bench").primary(p).replica("r1", r).build();
    return Contender.of(
        router,
        router,
        () -> {
          router.close();
          p.close();
          r.close();
        });
  }

  /** The routing key a {@code @Transactional(readOnly = true)} aspect would set for the thread. */
  private static final ThreadLocal<Boolean> READ_ONLY = ThreadLocal.withInitial(() -> false);

  private static Contender spring(PgNode primary, PgNode replica) {
    HikariDataSource p = pool(primary, "spring-primary");
    HikariDataSource r = pool(replica, "spring-replica");
    AbstractRoutingDataSource routing =
        new AbstractRoutingDataSource() {
          @Override
          protected Object determineCurrentLookupKey() {
            return READ_ONLY.get() ? "replica" : "primary";
          }
        };
    routing.setTargetDataSources(Map.of("primary", p, "replica", r));
    routing.setDefaultTargetDataSource(p);
    routing.afterPropertiesSet();
    LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(routing);
    return new Contender() {
      @Override
      public void read() throws SQLException {
        READ_ONLY.set(true);
        try {
          readCycle(lazy);
        } finally {
          READ_ONLY.set(false);
        }
      }

      @Override
      public void write() throws SQLException {
        writeCycle(lazy);
      }

      @Override
      public void close() {
        p.close();
        r.close();
      }
    };
  }

  private static Contender aws(PgNode primary, PgNode replica) {
    return AwsWrapperContender.create(
        "postgresql",
        "pg",
        primary,
        replica,
        primary.databaseName(),
        JdbcContenders::inRecovery,
        "AWS wrapper");
  }

  private static boolean inRecovery(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_is_in_recovery()");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("pg_is_in_recovery() returned no row");
      }
      return r.getBoolean(1);
    }
  }

  /** Seeds {@code bench_items} on the primary. */
  static void createTable(PgNode primary) throws SQLException {
    try (Connection c = primary.dataSource().getConnection()) {
      c.createStatement().execute("DROP TABLE IF EXISTS bench_items");
      c.createStatement()
          .execute("CREATE TABLE bench_items (id int PRIMARY KEY, v bigint NOT NULL DEFAULT 0)");
      c.createStatement()
          .execute("INSERT INTO bench_items (id) SELECT g FROM generate_series(1, " + ROWS + ") g");
    }
  }

  static List<ClosedLoop.Op> ops(Contender c, boolean reads, int threads) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      ops.add(reads ? c::read : c::write);
    }
    return ops;
  }

  /** A DataSource over a driver and URL, as connection pools and frameworks use drivers. */
  static final class DriverDataSource
      extends org.springframework.jdbc.datasource.AbstractDataSource {
    private final java.sql.Driver driver;
    private final String url;
    private final Properties props;

    DriverDataSource(java.sql.Driver driver, String url, Properties props) {
      this.driver = driver;
      this.url = url;
      this.props = props;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = driver.connect(url, props);
      if (c == null) {
        throw new SQLException("url: " + url + " (expected: accepted by the driver)");
      }
      return c;
    }

    @Override
    public Connection getConnection(@Nullable String username, @Nullable String password)
        throws SQLException {
      return getConnection();
    }
  }
}
