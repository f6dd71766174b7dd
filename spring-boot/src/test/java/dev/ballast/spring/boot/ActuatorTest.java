package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.spring.boot.orders.OrderService;
import dev.ballast.spring.boot.orders.OrdersApp;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import dev.ballast.testkit.PostgresClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Actuator: {@code /actuator/health} shows the {@code ballast} contributor with per-service and
 * per-database details; it is in the readiness group and not in liveness (an outage of every
 * instance of a dependency makes the app not ready, but still live); {@code /actuator/prometheus}
 * scrapes Ballast's meters together with Boot's own {@code http.client.requests}.
 */
@SpringBootTest(
    classes = OrdersApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,prometheus",
      "management.endpoint.health.show-details=always",
      "management.endpoint.health.show-components=always",
      "management.endpoint.health.probes.enabled=true"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActuatorTest {
  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().replicas(1).build();

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().instances(2));

  @DynamicPropertySource
  static void ballast(DynamicPropertyRegistry registry) {
    TestClusters.jdbcProperties(pg.cluster(), "orders-db")
        .forEach((k, v) -> registry.add(k, () -> v));
    registry.add("ballast.http.services.inventory.endpoints", () -> farm.farm().endpointSpecs());
    registry.add(
        "ballast.http.services.inventory.health-check.path", () -> farm.farm().healthPath());
    registry.add("ballast.http.services.inventory.health-check.interval", () -> "100ms");
    registry.add("ballast.http.services.inventory.health-check.unhealthy-threshold", () -> "1");
    registry.add("ballast.http.services.inventory.health-check.healthy-threshold", () -> "1");
  }

  @LocalServerPort int port;
  @Autowired OrderService orders;
  @Autowired RestClient.Builder restClientBuilder;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void healthShowsBallastWithServiceAndDatabaseDetails() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode ballast = get("/actuator/health").path("components").path("ballast");
              assertThat(ballast.path("status").asString()).isEqualTo("UP");
              JsonNode service = ballast.path("details").path("services").path("inventory");
              assertThat(service.path("healthy").asInt()).isEqualTo(2);
              assertThat(service.path("ejected").asInt()).isZero();
              assertThat(service.path("panic").asBoolean()).isFalse();
              JsonNode db = ballast.path("details").path("databases").path("orders-db");
              assertThat(db.path("primaryReachable").asBoolean()).isTrue();
              assertThat(db.path("eligibleReplicas").toString()).isEqualTo("[\"r1\"]");
              assertThat(db.has("worstReplicaLagMs")).isTrue();
            });
  }

  @Test
  void aDependencyOutageMakesTheAppNotReadyButLeavesItLive() {
    assertThat(get("/actuator/health/readiness").path("components").has("ballast")).isTrue();
    assertThat(get("/actuator/health/liveness").path("components").has("ballast")).isFalse();

    for (HttpInstance i : farm.instances()) {
      i.healthStatus(503);
    }
    // bounded only to catch a hang: health checks run every 100 ms
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> statusOf("/actuator/health/readiness") == 503);
    assertThat(statusOf("/actuator/health/liveness")).isEqualTo(200);
    JsonNode ballast = get("/actuator/health/readiness").path("components").path("ballast");
    assertThat(ballast.path("status").asString()).isEqualTo("DOWN");
    assertThat(ballast.path("details").path("services").path("inventory").path("unhealthy").asInt())
        .isEqualTo(2);
  }

  /**
   * Ballast's lb, jdbc and client meters and Boot's {@code http.client.requests} in one scrape:
   * Ballast's timer is {@code ballast.http.client.requests}, so the two never collide.
   */
  @Test
  void prometheusScrapesBallastsMetersWithBootsClientMeter() {
    orders.serverOfReadOnlyTransaction();
    orders.serverOfReadWriteTransaction();
    HttpInstance one = farm.instances().get(0);
    String body =
        restClientBuilder
            .build()
            .get()
            .uri("http://127.0.0.1:" + one.port() + "/direct")
            .retrieve()
            .body(String.class);
    assertThat(body).isEqualTo(one.id());
    String viaBallast =
        restClientBuilder
            .build()
            .get()
            .uri("http://inventory/through-ballast")
            .retrieve()
            .body(String.class);
    assertThat(farm.instances()).extracting(HttpInstance::id).contains(viaBallast);

    String scrape =
        RestClient.create()
            .get()
            .uri("http://127.0.0.1:" + port + "/actuator/prometheus")
            .retrieve()
            .body(String.class);

    assertThat(scrape)
        .contains("ballast_jdbc_routes_total{")
        .contains("ballast_jdbc_replica_eligible{")
        .contains("ballast_lb_endpoints{")
        .containsPattern("http_client_requests_seconds_count\\{[^}]*uri=\"[^\"]*/direct\"")
        .containsPattern("ballast_http_client_requests_seconds_count\\{[^}]*service=\"inventory\"");
  }

  private JsonNode get(String path) {
    String body =
        RestClient.create()
            .get()
            .uri("http://127.0.0.1:" + port + path)
            .exchange((req, res) -> new String(res.getBody().readAllBytes()));
    return json.readTree(body);
  }

  private int statusOf(String path) {
    return RestClient.create()
        .get()
        .uri("http://127.0.0.1:" + port + path)
        .exchange((req, res) -> res.getStatusCode().value());
  }
}
