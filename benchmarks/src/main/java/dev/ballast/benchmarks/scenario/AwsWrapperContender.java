package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariConfig;
import dev.ballast.testkit.DbNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import software.amazon.jdbc.HikariPooledConnectionProvider;

/**
 * The AWS Advanced JDBC Wrapper as a contender: its read/write splitting plugin over internal
 * HikariCP pools, one per host, set up as documented for clusters off RDS and Aurora, on PostgreSQL
 * or MariaDB. Built only once it is seen to route (the plugin quietly keeps reads on the writer
 * when it finds no reader).
 */
final class AwsWrapperContender {
  /** How long the wrapper keeps an idle internal pool: its own default, 30 minutes. */
  private static final long POOL_EXPIRATION_NANOS = TimeUnit.MINUTES.toNanos(30);

  /** How often the wrapper looks for expired internal pools: its own default, 10 minutes. */
  private static final long POOL_CLEANUP_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** Whether a connection reached a replica, asked of the server itself. */
  interface ReplicaCheck {
    boolean onReplica(Connection c) throws SQLException;
  }

  private AwsWrapperContender() {}

  /**
   * {@return the wrapper over {@code primary} (the writer) and {@code replica} (a reader)}
   *
   * @param scheme the URL scheme after {@code jdbc:aws-wrapper:}, e.g. {@code postgresql}
   * @param dialect the wrapper's dialect, e.g. {@code pg}
   * @param label what the routing check's error calls this contender
   * @throws IllegalStateException if read-only connections do not reach the replica or read-write
   *     ones the primary; nothing stays open then
   */
  static JdbcContenders.Contender create(
      String scheme,
      String dialect,
      DbNode primary,
      DbNode replica,
      String database,
      ReplicaCheck check,
      String label) {
    // Internal pools, one per host (the wrapper's documented setting for read/write splitting with
    // frequent setReadOnly calls). The provider fills in URL, user and password itself; the
    // configurator only sizes the pool. By default it pools RDS instance hosts only, so accept
    // every host here. Pool expiry and cleanup interval are the wrapper's defaults: with zero,
    // every connect disposes of a host's pool once it has no active connection and opens a new
    // one, and a pool closed while another thread waits on it times out with total=0.
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
            POOL_EXPIRATION_NANOS,
            POOL_CLEANUP_NANOS);
    software.amazon.jdbc.Driver.setCustomConnectionProvider(provider);
    // Off RDS and Aurora there is no topology to query: the hosts come from the URL, and only with
    // singleWriterConnectionString is the first one the writer and the others readers. Without it
    // every host is a writer, no reader is found, and the plugin quietly keeps reads on the writer.
    String url =
        "jdbc:aws-wrapper:"
            + scheme
            + "://127.0.0.1:"
            + primary.port()
            + ",127.0.0.1:"
            + replica.port()
            + "/"
            + database;
    Properties props = new Properties();
    props.setProperty("user", primary.user());
    props.setProperty("wrapperPlugins", "readWriteSplitting");
    props.setProperty("wrapperDialect", dialect);
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
      requireRouting(ds, check);
    } catch (SQLException | RuntimeException e) {
      contender.close();
      throw new IllegalStateException(label + ": read/write routing check failed", e);
    }
    return contender;
  }

  private static void requireRouting(DataSource ds, ReplicaCheck check) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      if (!check.onReplica(c)) {
        throw new IllegalStateException("a read-only connection reached the primary");
      }
    }
    try (Connection c = ds.getConnection()) {
      if (check.onReplica(c)) {
        throw new IllegalStateException("a read-write connection reached a replica");
      }
    }
  }
}
