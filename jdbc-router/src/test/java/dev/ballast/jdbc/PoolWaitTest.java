package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Borrows that wait on a busy pool go through HikariCP's public API: they wait for the connection
 * to come back and count no timeout, however long the wait is watched in slices.
 */
class PoolWaitTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  @Test
  void aBorrowThatWaitsForABusyPoolCountsNoHikariTimeout(PostgresCluster cluster) throws Exception {
    Properties props = properties(cluster); // connectionTimeout 5000 ms
    props.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "1");
    props.setProperty("ballast.jdbc.primary.hikari.minimumIdle", "1");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ExecutorService second = Executors.newSingleThreadExecutor();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      AtomicBoolean released = new AtomicBoolean();
      CountDownLatch waiting = new CountDownLatch(1);
      Future<Boolean> borrowedAfterRelease;
      try (Connection holder = ds.getConnection()) {
        holder.setAutoCommit(false);
        assertThat(serverPort(holder)).isEqualTo(cluster.primary().port());
        borrowedAfterRelease =
            second.submit(
                () -> {
                  try (Connection c = ds.getConnection()) {
                    waiting.countDown();
                    // binds the primary's one connection: waits for the holder to give it back
                    int port = serverPort(c);
                    return released.get() && port == cluster.primary().port();
                  }
                });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        // five watch periods of 200 ms: each one used to be a HikariCP timeout of its own
        Thread.sleep(1_000);
        assertThat(borrowedAfterRelease.isDone()).isFalse();
        released.set(true);
        holder.commit();
      }
      assertThat(borrowedAfterRelease.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(
              registry
                  .get("hikaricp.connections.timeout")
                  .tag("pool", "test-db-primary")
                  .counter()
                  .count())
          .isZero();
    } finally {
      second.shutdownNow();
    }
  }
}
