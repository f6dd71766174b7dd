package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code topology=auto}: a promotion moves writes to the new primary without a restart; with no
 * primary at all, writes fail fast and reads go on. Promotion is irreversible, so this class starts
 * its own cluster.
 */
class FailoverTest {

  @Test
  void writesFollowAPromotionAndFailFastWhileThereIsNoPrimary() throws Exception {
    try (PostgresCluster cluster =
        PostgresCluster.builder().replicas(2).zones("a", "a", "b").start()) {
      RouterTestSupport.execute(
          cluster.primary(), "CREATE TABLE events (id serial PRIMARY KEY, at timestamptz)");
      cluster.waitForReplication();
      Properties props = properties(cluster);
      props.setProperty("ballast.jdbc.topology", "auto");
      // the default interval: the figure printed below is what users get out of the box
      props.setProperty("ballast.jdbc.health-check.interval", "1s");
      try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
        // the scenario starts from a known primary: on a starved machine the first probe round can
        // miss its 1 s deadline and leave the router without one for a round
        await().atMost(Duration.ofSeconds(15)).until(() -> ds.primaryHost().isPresent());
        assertThat(write(cluster, ds)).isEqualTo("primary");
        PgNode oldPrimary = cluster.primary();
        PgNode r1 = cluster.node("r1");

        r1.promote();
        long promoted = System.nanoTime();
        Thread stopper = new Thread(oldPrimary::stop, "stop-old-primary");
        stopper.start();
        List<String> failures = new ArrayList<>();
        int onOldPrimary = 0;
        String landedOn = "";
        long deadline = promoted + Duration.ofSeconds(30).toNanos();
        while (!landedOn.equals("r1") && System.nanoTime() < deadline) {
          try {
            landedOn = write(cluster, ds);
            if (landedOn.equals("primary")) {
              onOldPrimary++; // split brain: nothing fences the old primary in this test
            }
          } catch (SQLException e) {
            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            Thread.sleep(5);
          }
        }
        long failoverMillis = (System.nanoTime() - promoted) / 1_000_000;
        stopper.join(30_000);
        System.out.printf(
            "[measured] issue #5 failover figure (promotion -> first write on the new primary):"
                + " %d ms from pg_promote() returning to the first write on r1"
                + " (topology=auto, health-check.interval=1s, old primary stopped meanwhile;"
                + " %d writes on the old primary, %d failed)%n",
            failoverMillis, onOldPrimary, failures.size());
        failures.stream().limit(3).forEach(f -> System.out.println("  failed attempt: " + f));
        assertThat(landedOn).isEqualTo("r1");
        assertThat(ds.primaryHost()).contains("r1");
        // unwrap reaches the current primary's pool, which is now r1's
        assertThat(ds.unwrap(HikariDataSource.class)).isSameAs(ds.dataSource("r1"));
        // about two 1 s health intervals on a quiet machine (printed above); 15 s still catches a
        // router that never looks again, while leaving a loaded CI machine its stalls
        assertThat(failoverMillis).isLessThan(15_000);
        // reads go on: r2 is still a replica (of the old primary)
        assertThat(route(cluster, ds, true)).isIn("r2", "primary");

        // now the new primary dies too: no primary at all
        r1.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> ds.primaryHost().isEmpty());
        long start = System.nanoTime();
        assertThatThrownBy(() -> write(cluster, ds))
            .isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageStartingWith(
                "no primary for 'test-db' (topology=auto): writes fail until a host is reachable"
                    + " and not in recovery: primary ("
                    + oldPrimary.jdbcUrl()
                    + ", zone a): last known role primary, not eligible: unreachable: Connection to"
                    + " 127.0.0.1:"
                    + oldPrimary.port()
                    + " refused; r1 ("
                    + r1.jdbcUrl()
                    + ", zone a): last known role primary, not eligible: unreachable: Connection to"
                    + " 127.0.0.1:"
                    + r1.port()
                    + " refused; r2 ("
                    + cluster.node("r2").jdbcUrl()
                    + ", zone b): replica, lag ");
        // below the pool's 5 s connection timeout: the router failed on its state, not on a wait
        assertThat((System.nanoTime() - start) / 1_000_000).as("fail fast, ms").isLessThan(3_000);
        assertThat(route(cluster, ds, true)).isEqualTo("r2");
      }
    }
  }

  private static String write(PostgresCluster cluster, RoutingDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("INSERT INTO events (at) VALUES (now()) RETURNING inet_server_port()")) {
      rs.next();
      return nodeName(cluster, rs.getInt(1));
    }
  }
}
