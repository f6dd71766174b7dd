package dev.ballast.jdbc;

import static dev.ballast.jdbc.MariaDbRouterSupport.nodeName;
import static dev.ballast.jdbc.MariaDbRouterSupport.properties;
import static dev.ballast.jdbc.MariaDbRouterSupport.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code topology=auto} on MariaDB: the primary is lost, a failover tool promotes r1 ({@code STOP
 * SLAVE; RESET SLAVE ALL; read_only=0}), and writes follow it without a restart and without losing
 * an acknowledged write; two writable hosts at once make the router refuse writes rather than
 * guess. Promotion is irreversible, so this class starts its own cluster.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MariaDbFailoverTest {

  @Test
  void writesFollowAPromotionLosingNoAcknowledgedWriteAndStopAtTwoWritableHosts() throws Exception {
    try (MariaDbCluster cluster =
        MariaDbCluster.builder().replicas(2).zones("a", "a", "b").start()) {
      MariaDbRouterSupport.execute(
          cluster.primary(), "CREATE TABLE events (n INT PRIMARY KEY, at TIMESTAMP(6))");
      cluster.waitForReplication();
      Properties props = properties(cluster);
      props.setProperty("ballast.jdbc.topology", "auto");
      // the default interval: the figure printed below is what users get out of the box
      props.setProperty("ballast.jdbc.health-check.interval", "1s");
      try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
        Set<Integer> acknowledged = new HashSet<>();
        int n = 0;
        for (; n < 50; n++) {
          assertThat(write(cluster, ds, n)).isEqualTo("primary");
          acknowledged.add(n);
        }
        MariaDbNode oldPrimary = cluster.primary();
        MariaDbNode r1 = cluster.node("r1");

        // the primary is lost while writes go on
        Thread stopper = new Thread(oldPrimary::stop, "stop-old-primary");
        stopper.start();
        List<String> failures = new ArrayList<>();
        // every attempt takes a new row number: a write whose commit reached the primary just as
        // it stopped may fail unacknowledged yet be replicated, and retrying its number would then
        // fail on r1 with a duplicate key forever
        while (stopper.isAlive() && n < 100_000) {
          attempt(cluster, ds, n++, acknowledged, failures);
        }
        stopper.join(30_000);
        // what a failover tool does before promoting: let r1 apply everything it received
        awaitApplied(r1);
        cluster.promote(r1);
        long promoted = System.nanoTime();
        String landedOn = "";
        long deadline = promoted + Duration.ofSeconds(30).toNanos();
        int failedAfterPromotion = 0;
        while (!landedOn.equals("r1") && System.nanoTime() < deadline) {
          String node = attempt(cluster, ds, n++, acknowledged, failures);
          if (node != null) {
            landedOn = node;
          } else {
            failedAfterPromotion++;
          }
        }
        long failoverMillis = (System.nanoTime() - promoted) / 1_000_000;
        System.out.printf(
            "[measured] mariadb failover (promotion -> first write on the new primary): %d ms"
                + " (topology=auto, health-check.interval=1s; %d writes failed while the primary"
                + " stopped or none was known, %d after the promotion)%n",
            failoverMillis, failures.size() - failedAfterPromotion, failedAfterPromotion);
        failures.stream().limit(3).forEach(f -> System.out.println("  failed attempt: " + f));
        assertThat(landedOn).isEqualTo("r1");
        assertThat(ds.primaryHost()).contains("r1");
        for (int i = 0; i < 20; i++, n++) {
          assertThat(write(cluster, ds, n)).isEqualTo("r1");
          acknowledged.add(n);
        }
        // reads go on: r2 now replicates from r1
        assertThat(route(cluster, ds, true)).isEqualTo("r2");

        // not one acknowledged write is missing on the new primary
        Set<Integer> onR1 = rows(r1);
        Set<Integer> lost = new HashSet<>(acknowledged);
        lost.removeAll(onR1);
        System.out.printf(
            "[measured] mariadb failover: %d acknowledged writes, %d lost%n",
            acknowledged.size(), lost.size());
        assertThat(lost).isEmpty();

        // a second host made writable behind the router's back: two primaries, no guess
        MariaDbNode r2 = cluster.node("r2");
        asRoot(r2, "STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only=0");
        await().atMost(Duration.ofSeconds(15)).until(() -> ds.primaryHost().isEmpty());
        int refused = n;
        assertThatThrownBy(() -> write(cluster, ds, refused))
            .isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageStartingWith(
                "no primary for 'maria' (topology=auto): several writable hosts (r1, r2:"
                    + " read_only=0 and no replica status): writes are refused until all but one"
                    + " are read-only, rather than sent to a guess: primary (")
            .hasMessageContaining(
                "r1 ("
                    + r1.jdbcUrl()
                    + ", zone a): primary, not eligible: not a replica:"
                    + " read_only=0 and no replica status");

        // fenced again: writes resume on r1 on their own
        asRoot(r2, "SET GLOBAL read_only=1");
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> ds.primaryHost().equals(Optional.of("r1")));
        assertThat(write(cluster, ds, refused)).isEqualTo("r1");
      }
    }
  }

  /** One write attempt of row {@code n}: the node that acknowledged it, null if it failed. */
  private static @Nullable String attempt(
      MariaDbCluster cluster,
      RoutingDataSource ds,
      int n,
      Set<Integer> acknowledged,
      List<String> failures)
      throws InterruptedException {
    try {
      String node = write(cluster, ds, n);
      acknowledged.add(n);
      return node;
    } catch (SQLException e) {
      failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      Thread.sleep(5);
      return null;
    }
  }

  private static String write(MariaDbCluster cluster, RoutingDataSource ds, int n)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO events (n, at) VALUES (?, NOW(6))")) {
        p.setInt(1, n);
        p.executeUpdate();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT @@port")) {
        rs.next();
        return nodeName(cluster, rs.getInt(1));
      }
    }
  }

  private static Set<Integer> rows(MariaDbNode node) throws SQLException {
    Set<Integer> rows = new HashSet<>();
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n FROM events")) {
      while (rs.next()) {
        rows.add(rs.getInt(1));
      }
    }
    return rows;
  }

  /** Waits until {@code replica} has applied every transaction it received. */
  private static void awaitApplied(MariaDbNode replica) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try (Connection c = replica.dataSource().getConnection();
                  Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                rs.next();
                String received = rs.getString("Gtid_IO_Pos");
                try (Statement w = c.createStatement();
                    ResultSet applied =
                        w.executeQuery("SELECT MASTER_GTID_WAIT('" + received + "', 0.5)")) {
                  applied.next();
                  return applied.getInt(1) == 0;
                }
              }
            });
  }

  private static void asRoot(MariaDbNode node, String... statements) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + node.port() + "/?user=root");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
