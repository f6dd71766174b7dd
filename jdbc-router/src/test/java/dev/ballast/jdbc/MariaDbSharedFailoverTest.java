package dev.ballast.jdbc;

import static dev.ballast.jdbc.MariaDbRouterSupport.nodeName;
import static dev.ballast.jdbc.MariaDbRouterSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two logical databases, {@code orders} and {@code invoices}, on one MariaDB cluster with {@code
 * topology=auto}: the shared primary stops, r1 is promoted, and both routers' writes move to r1 in
 * the same probe round, losing no acknowledged write. Promotion is irreversible, so this class
 * starts its own cluster.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MariaDbSharedFailoverTest {
  private static final String[] DATABASES = {"orders", "invoices"};

  @Test
  void aPromotionOfTheSharedPrimaryMovesBothRoutersWritesInTheSameRound() throws Exception {
    try (MariaDbCluster cluster =
        MariaDbCluster.builder().replicas(1).zones("a", "a").databases(DATABASES).start()) {
      for (String db : DATABASES) {
        try (Connection c = cluster.primary().dataSource(db).getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE TABLE events (n INT PRIMARY KEY)");
        }
      }
      cluster.waitForReplication();
      ExecutorService writers = Executors.newFixedThreadPool(2);
      try (RoutingDataSource orders = RoutingDataSource.fromProperties(logical(cluster, "orders"));
          RoutingDataSource invoices =
              RoutingDataSource.fromProperties(logical(cluster, "invoices"))) {
        Writer ordersWriter = new Writer(cluster, orders);
        Writer invoicesWriter = new Writer(cluster, invoices);
        for (Writer w : new Writer[] {ordersWriter, invoicesWriter}) {
          for (int i = 0; i < 10; i++) {
            assertThat(w.attempt()).isEqualTo("primary");
          }
        }
        MariaDbNode r1 = cluster.node("r1");
        cluster.primary().stop();
        cluster.promote(r1);
        long promoted = System.nanoTime();
        Future<Long> ordersMoved = writers.submit(ordersWriter::untilOnR1);
        Future<Long> invoicesMoved = writers.submit(invoicesWriter::untilOnR1);
        // when each router's view names r1 the primary, seen from one polling loop (1 ms)
        long ordersSaw = 0;
        long invoicesSaw = 0;
        long pollUntil = promoted + Duration.ofSeconds(30).toNanos();
        while ((ordersSaw == 0 || invoicesSaw == 0) && System.nanoTime() < pollUntil) {
          long now = System.nanoTime();
          if (ordersSaw == 0 && orders.primaryHost().equals(Optional.of("r1"))) {
            ordersSaw = now;
          }
          if (invoicesSaw == 0 && invoices.primaryHost().equals(Optional.of("r1"))) {
            invoicesSaw = now;
          }
          Thread.sleep(1);
        }
        assertThat(ordersSaw).as("orders saw r1 as primary").isPositive();
        assertThat(invoicesSaw).as("invoices saw r1 as primary").isPositive();
        long viewGapMillis = Math.abs(ordersSaw - invoicesSaw) / 1_000_000;
        long ordersAt = ordersMoved.get(60, TimeUnit.SECONDS);
        long invoicesAt = invoicesMoved.get(60, TimeUnit.SECONDS);
        long gapMillis = Math.abs(ordersAt - invoicesAt) / 1_000_000;
        System.out.printf(
            "[measured] mariadb shared cluster failover: first write on r1 %d ms (orders) and"
                + " %d ms (invoices) after the promotion, %d ms apart (health-check.interval=60s;"
                + " %d and %d failed attempts); their views named r1 the primary %d ms apart%n",
            (ordersAt - promoted) / 1_000_000,
            (invoicesAt - promoted) / 1_000_000,
            gapMillis,
            ordersWriter.failures,
            invoicesWriter.failures,
            viewGapMillis);
        assertThat(orders.primaryHost()).contains("r1");
        assertThat(invoices.primaryHost()).contains("r1");
        // the next periodic round is a minute away: only a round both routers share explains
        // writes moving within a second of each other
        assertThat(gapMillis).isLessThan(1_000);
        assertThat(viewGapMillis).isLessThan(1_000);
        for (Writer w : new Writer[] {ordersWriter, invoicesWriter}) {
          Set<Integer> lost = new HashSet<>(w.acknowledged);
          lost.removeAll(rows(r1, w.database));
          assertThat(lost).as("acknowledged %s writes missing on r1", w.database).isEmpty();
        }
      } finally {
        writers.shutdownNow();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static Properties logical(MariaDbCluster cluster, String database) {
    Properties p = properties(cluster);
    p.setProperty("ballast.jdbc.name", database);
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl(database));
    for (MariaDbNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl(database));
    }
    p.setProperty("ballast.jdbc.topology", "auto");
    // no periodic round within the test: the routers learn of the promotion from failed writes
    p.setProperty("ballast.jdbc.health-check.interval", "60s");
    p.setProperty("ballast.jdbc.health-check.timeout", "2s");
    return p;
  }

  private static Set<Integer> rows(MariaDbNode node, String database) throws SQLException {
    Set<Integer> rows = new HashSet<>();
    try (Connection c = node.dataSource(database).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n FROM events")) {
      while (rs.next()) {
        rows.add(rs.getInt(1));
      }
    }
    return rows;
  }

  /** Writes numbered rows through one router; one thread at a time. */
  private static final class Writer {
    final MariaDbCluster cluster;
    final RoutingDataSource ds;
    final String database;
    final Set<Integer> acknowledged = new HashSet<>();
    int next;
    int failures;

    Writer(MariaDbCluster cluster, RoutingDataSource ds) {
      this.cluster = cluster;
      this.ds = ds;
      this.database = ds.name();
    }

    /** Writes until a write lands on r1 (at most 30 s); the moment it was acknowledged. */
    long untilOnR1() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          if (attempt().equals("r1")) {
            return System.nanoTime();
          }
        } catch (SQLException e) {
          failures++;
          Thread.sleep(5);
        }
      }
      throw new AssertionError(database + ": no write reached r1 within 30 s");
    }

    String attempt() throws SQLException {
      int n = next++;
      try (Connection c = ds.getConnection()) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events (n) VALUES (?)")) {
          p.setInt(1, n);
          p.executeUpdate();
        }
        acknowledged.add(n);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT @@port")) {
          rs.next();
          return nodeName(cluster, rs.getInt(1));
        }
      }
    }
  }
}
