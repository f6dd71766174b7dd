package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HikariCP's {@code hikaricp.connections.timeout} counts the borrows a pool gave up on, and only
 * those: a caller that waited for a busy pool and got a connection made no timeout, however long it
 * waited; one whose borrow timed out made exactly one.
 */
class PoolTimeoutMeterTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  /** How long the holder keeps the pool's only connection: several of the router's slices. */
  private static final String HOLD = "SELECT pg_sleep(1)";

  @Test
  void aReadThatWaitsForTheBusyReplicaPoolCountsNoTimeout(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.replicas.r1.hikari.maximumPoolSize", "1");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      String waiter = waitBehindAHolder(cluster, ds.forReads(), ds.forReads());
      // the pool's only connection, so the read waited for the holder to give it back
      assertThat(waiter).isEqualTo("r1");
      assertThat(timeouts(registry, "test-db-r1").count()).isZero();
    }
  }

  @Test
  void aWriteThatWaitsForTheBusyPrimaryPoolCountsNoTimeout(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "1");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      assertThat(waitBehindAHolder(cluster, ds, ds)).isEqualTo("primary");
      assertThat(timeouts(registry, "test-db-primary").count()).isZero();
    }
  }

  @Test
  void aWriteWhoseBorrowTimesOutCountsOneTimeoutAndSaysHowLongItWaited(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "1");
    props.setProperty("ballast.jdbc.primary.hikari.connectionTimeout", "600");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      CompletableFuture<String> holder =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection c = ds.getConnection()) {
                  String node = nodeName(cluster, serverPort(c));
                  holding.countDown();
                  done.await(30, TimeUnit.SECONDS);
                  return node;
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        Throwable thrown = catchThrowable(() -> runOn(cluster, ds));
        assertThat(thrown)
            .isInstanceOf(SQLTransientConnectionException.class)
            .hasMessage("pool 'test-db-primary' gave no connection within 600ms with 1 of 1 open");
      } finally {
        done.countDown();
      }
      assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("primary");
      assertThat(timeouts(registry, "test-db-primary").count()).isEqualTo(1);
    }
  }

  @Test
  void aReplicaPoolThatCannotConnectCountsOneTimeoutPerRead(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    // the monitor's probe connects (r1 stays eligible); the pool's connections all fail
    props.setProperty("ballast.jdbc.replicas.r1.hikari.connectionInitSql", "SELECT 1/0");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      for (int i = 0; i < 3; i++) {
        assertThat(runOn(cluster, ds.forReads())).isEqualTo("primary");
      }
      assertThat(timeouts(registry, "test-db-r1").count()).isEqualTo(3);
      assertThat(timeouts(registry, "test-db-primary").count()).isZero();
    }
  }

  @Test
  void theRoutersOwnPoolsOpenConnectionsWithinAQuarterSecondAndKeepTheDriversLoginTimeout(
      PostgresCluster cluster) {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      HikariDataSource pool = (HikariDataSource) ds.dataSource("r1");
      // the configured 5000 ms bound the router's whole wait; the pool's own is the short one
      assertThat(pool.getConnectionTimeout()).isEqualTo(250);
      // what HikariCP gave the driver for 5000 ms: (5000 + 500) / 1000 seconds
      assertThat(pool.getDataSourceProperties()).containsEntry("loginTimeout", "5");
    }
  }

  /**
   * A holder takes a connection of {@code holderSource} and keeps it for {@link #HOLD}; meanwhile a
   * second caller asks {@code waiterSource}. {@return the node the second caller ran on}
   */
  private static String waitBehindAHolder(
      PostgresCluster cluster, DataSource holderSource, DataSource waiterSource) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CompletableFuture<String> holder =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection c = holderSource.getConnection();
                  Statement s = c.createStatement()) {
                String node = nodeName(cluster, serverPort(c));
                holding.countDown();
                s.execute(HOLD);
                return node;
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    String waiter = runOn(cluster, waiterSource);
    assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo(waiter);
    return waiter;
  }

  private static String runOn(PostgresCluster cluster, DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return nodeName(cluster, serverPort(c));
    }
  }

  private static Counter timeouts(SimpleMeterRegistry registry, String pool) {
    return registry.get("hikaricp.connections.timeout").tag("pool", pool).counter();
  }
}
