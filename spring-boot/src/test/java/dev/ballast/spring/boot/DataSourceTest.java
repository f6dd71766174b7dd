package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.orders.OrderService;
import dev.ballast.spring.boot.orders.OrdersApp;
import dev.ballast.spring.boot.orders.PurchaseOrder;
import dev.ballast.testkit.PostgresClusterExtension;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code ballast.jdbc.primary.url} set, the Orders app's DataSource is Ballast's router:
 * read-only transactions (JdbcTemplate and Spring Data JPA) run on the replica, read-write ones and
 * Flyway's migrations on the primary. One cluster (primary + one replica) and one context for the
 * class; the context is closed after it (DirtiesContext), before the cluster stops.
 */
@SpringBootTest(
    classes = OrdersApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DataSourceTest {
  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().replicas(1).build();

  @DynamicPropertySource
  static void ballast(DynamicPropertyRegistry registry) {
    TestClusters.jdbcProperties(pg.cluster(), "orders-db")
        .forEach((k, v) -> registry.add(k, () -> v));
  }

  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;
  @Autowired OrderService orders;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theContextsOnlyDataSourceIsTheRouter() {
    assertThat(dataSource).isInstanceOf(RoutingDataSource.class);
    assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
    assertThat(((RoutingDataSource) dataSource).hostNames()).containsExactly("primary", "r1");
  }

  @Test
  void readOnlyTransactionsRunOnTheReplicaAndReadWriteOnesOnThePrimary() {
    // the first probe round makes the replica eligible; until then reads fall back to the primary
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> orders.serverOfReadOnlyTransaction().equals("replica"));
    for (int i = 0; i < 20; i++) {
      assertThat(orders.serverOfReadOnlyTransaction()).isEqualTo("replica");
      assertThat(orders.serverOfReadWriteTransaction()).isEqualTo("primary");
    }
  }

  @Test
  void jpaRepositoryReadsInAReadOnlyServiceGoToTheReplicaAndWritesToThePrimary() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> orders.serverOfReadOnlyTransaction().equals("replica"));
    PurchaseOrder first = orders.create("first");
    pg.cluster().waitForReplication();
    assertThat(orders.find(first.getId())).map(PurchaseOrder::getItem).contains("first");

    // with replay paused, a row written now exists on the primary only: reads that do not see it
    // ran on the replica; the read-write transaction sees it, so the write went to the primary
    pg.node("r1").pauseReplay();
    PurchaseOrder second = orders.create("second");

    assertThat(orders.find(second.getId())).isEmpty();
    assertThat(orders.findForUpdate(second.getId())).map(PurchaseOrder::getItem).contains("second");
    assertThat(
            new JdbcTemplate(pg.primary().dataSource())
                .queryForObject(
                    "SELECT item FROM purchase_order WHERE id = ?", String.class, second.getId()))
        .isEqualTo("second");
  }

  @Test
  void jdbcTemplateOutsideATransactionWritesOnThePrimary() {
    jdbc.update("INSERT INTO purchase_order (item) VALUES ('plain-jdbc')");
    assertThat(
            new JdbcTemplate(pg.primary().dataSource())
                .queryForObject(
                    "SELECT count(*) FROM purchase_order WHERE item = 'plain-jdbc'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void closingTheContextLeavesNoThreadOrConnectionOfBallast() {
    Map<String, String> props =
        new java.util.LinkedHashMap<>(TestClusters.jdbcProperties(pg.cluster(), "closing-db"));
    props.put("ballast.jdbc.hikari.dataSource.ApplicationName", "ballast-boot-closing");
    props.put("ballast.http.services.inventory.endpoints", "http://127.0.0.1:9");
    props.put("ballast.http.shutdown-drain-timeout", "1s");
    org.springframework.context.ConfigurableApplicationContext second =
        new org.springframework.boot.builder.SpringApplicationBuilder(OrdersApp.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties(
                props.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new))
            .run();
    OrderService service = second.getBean(OrderService.class);
    service.create("closing");
    service.serverOfReadOnlyTransaction();
    // a call to a port where nothing listens: it fails, but starts the client's event loop
    try {
      second
          .getBean(dev.ballast.http.BallastHttpClient.class)
          .send(dev.ballast.http.ServiceRequest.get("inventory", "/").build());
    } catch (dev.ballast.http.BallastHttpException expected) {
      // connection refused
    }
    assertThat(threadsNamed("closing-db")).isNotEmpty();
    assertThat(threadsNamed("ballast-http")).isNotEmpty();
    assertThat(connectionsOf("ballast-boot-closing")).isPositive();

    second.close();

    // bounded only to catch a hang: pools and event loops end on close
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(threadsNamed("closing-db")).isEmpty();
              assertThat(threadsNamed("ballast-http")).isEmpty();
              assertThat(connectionsOf("ballast-boot-closing")).isZero();
            });
  }

  private static java.util.List<String> threadsNamed(String part) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.contains(part))
        .toList();
  }

  private static int connectionsOf(String applicationName) {
    int total = 0;
    for (var node : pg.cluster().nodes()) {
      total +=
          new JdbcTemplate(node.dataSource())
              .queryForObject(
                  "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                  Integer.class,
                  applicationName);
    }
    return total;
  }

  @Test
  void flywayMigratedThePrimary() {
    Map<String, Object> row =
        new JdbcTemplate(pg.primary().dataSource())
            .queryForMap("SELECT version, success FROM flyway_schema_history WHERE version = '1'");
    assertThat(row).containsEntry("version", "1").containsEntry("success", true);
  }
}
