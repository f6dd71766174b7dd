package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.ConfigException;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two logical databases, {@code orders} and {@code invoices}, on one PostgreSQL cluster, each with
 * its own {@link RoutingDataSource}: one probe connection per server for both, a promotion seen by
 * both in the same round, and the per-server connection budget.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedServersTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).databases("orders", "invoices").build();

  @Test
  void twoRoutersOnOneClusterKeepOneProbeConnectionPerServer(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource orders = RoutingDataSource.fromProperties(props(cluster, "orders"));
        RoutingDataSource invoices = RoutingDataSource.fromProperties(props(cluster, "invoices"))) {
      await().atMost(Duration.ofSeconds(15)).until(() -> !invoices.eligibleReplicas().isEmpty());
      assertThat(orders.eligibleReplicas()).containsExactly("r1");
      for (PgNode node : cluster.nodes()) {
        // pools hold no idle connection (minimumIdle=0): what is left are probe connections, and
        // the server's one belongs to the router that came first
        assertThat(sessions(node, "shared-orders")).as("orders on %s", node.name()).isEqualTo(1);
        assertThat(sessions(node, "shared-invoices")).as("invoices on %s", node.name()).isZero();
      }
    }
    for (PgNode node : cluster.nodes()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(sessions(node, "shared-orders")).isZero());
    }
  }

  @Test
  void theHostsGaugeShowsWhichLogicalDatabasesEachHostServesAndIsRemovedOnClose(
      PostgresCluster cluster) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource orders =
            RoutingDataSource.fromProperties(props(cluster, "orders"), registry);
        RoutingDataSource invoices =
            RoutingDataSource.fromProperties(props(cluster, "invoices"), registry)) {
      await().atMost(Duration.ofSeconds(15)).until(() -> !invoices.eligibleReplicas().isEmpty());
      await().atMost(Duration.ofSeconds(15)).until(() -> !orders.eligibleReplicas().isEmpty());
      assertThat(served(registry, "primary", "primary")).containsExactly("invoices", "orders");
      assertThat(served(registry, "r1", "replica")).containsExactly("invoices", "orders");
      // a static topology keeps only the configured role's series: bounded by hosts, not roles
      assertThat(registry.find("ballast.jdbc.hosts").gauges()).hasSize(4);
      assertThat(registry.find("ballast.jdbc.hosts").tag("name", "orders").gauges())
          .extracting(g -> g.getId().getTag("host") + "/" + g.getId().getTag("role"))
          .containsExactlyInAnyOrder("primary/primary", "r1/replica");

      cluster.node("r1").stop();
      // r1 is down for both routers: neither reads there any more, both still write on primary
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(served(registry, "r1", "replica")).isEmpty());
      assertThat(served(registry, "primary", "primary")).containsExactly("invoices", "orders");
      cluster.node("r1").start();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(served(registry, "r1", "replica"))
                      .containsExactly("invoices", "orders"));
      invoices.close();
      assertThat(registry.find("ballast.jdbc.hosts").tag("name", "invoices").gauges()).isEmpty();
      assertThat(served(registry, "r1", "replica")).containsExactly("orders");
    }
    assertThat(registry.find("ballast.jdbc.hosts").gauges()).isEmpty();
  }

  /** The routers ({@code name} tags) whose {@code ballast.jdbc.hosts} gauge is 1, sorted. */
  private static List<String> served(MeterRegistry registry, String host, String role) {
    return registry.find("ballast.jdbc.hosts").tag("host", host).tag("role", role).gauges().stream()
        .filter(g -> g.value() == 1)
        .map(g -> g.getId().getTag("name"))
        .sorted()
        .toList();
  }

  @Test
  void aPromotionSeenByOneRouterMovesTheOthersWritesInTheSameRound(PostgresCluster cluster)
      throws Exception {
    for (String db : new String[] {"orders", "invoices"}) {
      execute(cluster.primary(), db, "CREATE TABLE events (id serial PRIMARY KEY)");
    }
    cluster.waitForReplication();
    Properties orderProps = props(cluster, "orders");
    Properties invoiceProps = props(cluster, "invoices");
    for (Properties p : new Properties[] {orderProps, invoiceProps}) {
      p.setProperty("ballast.jdbc.topology", "auto");
      // no periodic round within the test: invoices can only learn of the promotion from orders
      p.setProperty("ballast.jdbc.health-check.interval", "60s");
      p.setProperty("ballast.jdbc.health-check.timeout", "2s");
    }
    try (RoutingDataSource orders = RoutingDataSource.fromProperties(orderProps);
        RoutingDataSource invoices = RoutingDataSource.fromProperties(invoiceProps)) {
      assertThat(invoices.primaryHost()).contains("primary");
      PgNode oldPrimary = cluster.primary();
      cluster.node("r1").promote();
      oldPrimary.stop();

      // orders writes; its failures make it look again, and it finds r1
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      String landed = "";
      while (!landed.equals("r1") && System.nanoTime() < deadline) {
        try {
          landed = write(cluster, orders);
        } catch (SQLException e) {
          Thread.sleep(5);
        }
      }
      long ordersMoved = System.nanoTime();
      assertThat(landed).isEqualTo("r1");
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> invoices.primaryHost().equals(Optional.of("r1")));
      System.out.printf(
          "[measured] shared servers: invoices followed the promotion %d ms after orders'"
              + " first write on r1 (health-check.interval=60s)%n",
          (System.nanoTime() - ordersMoved) / 1_000_000);
      // its very first write goes to the new primary: no failed attempt of its own
      assertThat(write(cluster, invoices)).isEqualTo("r1");
    }
  }

  @Test
  void poolsAboveTheBudgetOfAServerFailAtStartUpNamingKeyServerSumAndCap(PostgresCluster cluster)
      throws Exception {
    Properties orderProps = props(cluster, "orders");
    orderProps.setProperty("ballast.jdbc.max-connections-per-host", "6");
    Properties invoiceProps = props(cluster, "invoices");
    try (RoutingDataSource orders = RoutingDataSource.fromProperties(orderProps)) {
      int before = SharedHosts.process().size();
      PgNode primary = cluster.primary();
      PgNode r1 = cluster.node("r1");
      assertThatThrownBy(() -> RoutingDataSource.fromProperties(invoiceProps))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(
              "ballast.jdbc.max-connections-per-host: 6 (expected: at least 8, the pools of every"
                  + " router in this process on 127.0.0.1:"
                  + primary.port()
                  + ": orders/primary 4 + invoices/primary 4)")
          .hasMessageContaining(
              "ballast.jdbc.max-connections-per-host: 6 (expected: at least 8, the pools of every"
                  + " router in this process on 127.0.0.1:"
                  + r1.port()
                  + ": orders/r1 4 + invoices/r1 4)");
      // nothing half-started: no server registered, no session opened for invoices
      assertThat(SharedHosts.process().size()).isEqualTo(before);
      assertThat(sessions(primary, "shared-invoices")).isZero();

      // within the budget it starts
      invoiceProps.setProperty("ballast.jdbc.hikari.maximumPoolSize", "2");
      try (RoutingDataSource invoices = RoutingDataSource.fromProperties(invoiceProps)) {
        assertThat(invoices.primaryHost()).contains("primary");
      }
      assertThat(orders.primaryHost()).contains("primary");
    }
  }

  private static Properties props(PostgresCluster cluster, String db) {
    Properties p = new Properties();
    p.setProperty("ballast.jdbc.name", db);
    p.setProperty("ballast.jdbc.username", cluster.primary().user());
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl(db));
    for (PgNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl(db));
    }
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "4");
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "0");
    p.setProperty("ballast.jdbc.hikari.dataSource.ApplicationName", "shared-" + db);
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    return p;
  }

  private static String write(PostgresCluster cluster, RoutingDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("INSERT INTO events DEFAULT VALUES RETURNING inet_server_port()")) {
      rs.next();
      int port = rs.getInt(1);
      for (PgNode n : cluster.nodes()) {
        if (n.port() == port) {
          return n.name();
        }
      }
      throw new AssertionError("no node on port " + port);
    }
  }

  private static void execute(PgNode node, String db, String sql) throws SQLException {
    try (Connection c = node.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long sessions(PgNode node, String applicationName) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + applicationName
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
