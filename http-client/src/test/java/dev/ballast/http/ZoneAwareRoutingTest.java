package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zone preference and health-driven spill-over against six real instances in zones a, b, c. */
class ZoneAwareRoutingTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("zones")
              .instances(6)
              .zones("a", "a", "b", "b", "c", "c"));

  @Test
  void keepsTrafficInTheLocalZoneAndUsesBothLocalInstances() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(service("orders", farm, "ballast.zone", "a"))) {
      for (int i = 0; i < 300; i++) {
        client.send(ServiceRequest.get("orders", "/zone/" + i).build());
      }
    }
    long inA = farm.instancesInZone("a").stream().mapToLong(HttpInstance::requestCount).sum();
    assertThat(farm.farm().totalRequests()).isEqualTo(300);
    assertThat(inA).as("requests served in zone a").isGreaterThanOrEqualTo(285);
    assertThat(farm.instance("a1").requestCount()).isPositive();
    assertThat(farm.instance("a2").requestCount()).isPositive();
  }

  @Test
  void spillsToOtherZonesWhileLocalHealthChecksFailAndComesBack() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service(
                "orders",
                farm,
                "ballast.zone",
                "a",
                "ballast.http.defaults.health-check.path",
                "/health",
                "ballast.http.defaults.health-check.interval",
                "200ms",
                "ballast.http.defaults.health-check.healthy-threshold",
                "2",
                "ballast.http.defaults.health-check.unhealthy-threshold",
                "2"))) {
      farm.instancesInZone("a").forEach(i -> i.healthStatus(503));
      long t0 = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> localShareOf40(client) <= 2);
      long spillMillis = (System.nanoTime() - t0) / 1_000_000;

      farm.instancesInZone("a").forEach(i -> i.healthStatus(200));
      long t1 = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> localShareOf40(client) >= 38);
      long returnMillis = (System.nanoTime() - t1) / 1_000_000;
      // The waits above are generous and only catch a hang; the times are measured here.
      System.out.printf(
          "[measured] zone spill (health-check interval 200ms, thresholds 2/2): zone a unhealthy"
              + " -> at most 2 of 40 GETs in a after %d ms%n",
          spillMillis);
      System.out.printf(
          "[measured] zone return (health-check interval 200ms, thresholds 2/2): zone a healthy"
              + " -> at least 38 of 40 GETs in a after %d ms%n",
          returnMillis);
    }
  }

  @Test
  void requestTimersTagLocalAndRemoteCallsByTheAnsweringZone() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Zone awareness off and round-robin: the six instances take turns, two of them in zone a.
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service(
                "orders",
                farm,
                "ballast.zone",
                "a",
                "ballast.http.services.orders.zone-aware.enabled",
                "false",
                "ballast.http.services.orders.strategy",
                "round-robin"),
            registry)) {
      for (int i = 0; i < 60; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/m/" + i).build()).statusCode())
            .isEqualTo(200);
      }
      long inA = farm.instancesInZone("a").stream().mapToLong(HttpInstance::requestCount).sum();
      assertThat(inA).isEqualTo(20);
      assertThat(timerCount(registry, "local")).isEqualTo(20);
      assertThat(timerCount(registry, "remote")).isEqualTo(40);
    }
  }

  private static long timerCount(SimpleMeterRegistry registry, String zone) {
    return registry
        .get("ballast.http.client.requests")
        .tag("service", "orders")
        .tag("method", "GET")
        .tag("status", "200")
        .tag("outcome", "SUCCESS")
        .tag("zone", zone)
        .timer()
        .count();
  }

  /** Sends 40 GETs and returns how many zone a served. */
  private static long localShareOf40(BallastHttpClient client) {
    farm.instancesInZone("a").forEach(HttpInstance::mark);
    for (int i = 0; i < 40; i++) {
      client.send(ServiceRequest.get("orders", "/spill").build());
    }
    return farm.instancesInZone("a").stream().mapToLong(HttpInstance::countSinceMark).sum();
  }
}
