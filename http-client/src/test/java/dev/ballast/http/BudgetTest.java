package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client-wide retry and hedge budgets against real instances. The ticker is frozen, so the
 * budgets' 10 s window never rolls however slow the machine: at 0 % only the floor is left, 10
 * retries or 1 hedge per second, i.e. exactly 100 retries and 10 hedges.
 */
class BudgetTest {
  private static final String S = "ballast.http.services.orders.";
  private static final int RETRY_FLOOR = 100;
  private static final int HEDGE_FLOOR = 10;

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("budget").instances(2));

  private static BallastHttpClient client(SimpleMeterRegistry registry, String... extra) {
    Properties p = service("orders", farm, extra);
    p.setProperty(S + "strategy", "round-robin");
    p.setProperty(S + "outlier.consecutive-failures", "0");
    p.setProperty(S + "retry.budget-percent", "0");
    p.setProperty(S + "retry.backoff", "0ms");
    long frozen = System.nanoTime();
    return BallastHttpClient.builder(p, k -> null)
        .ticker(() -> frozen)
        .meterRegistry(registry)
        .build();
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.get(name).tag("service", "orders").counter().count();
  }

  @Test
  void retriesStopOnceTheBudgetFloorIsSpent() {
    farm.instances().forEach(i -> i.respondWith(503));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int[] byAttempts = new int[3];
    // retry.max-attempts stays 3, but with two instances a call retries once: a third attempt has
    // no endpoint left, so it must neither spend budget nor count as a retry.
    try (BallastHttpClient client = client(registry)) {
      for (int i = 0; i < RETRY_FLOOR + 20; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("orders", "/b/" + i).build());
        assertThat(r.statusCode()).isEqualTo(503);
        byAttempts[r.attempts()]++;
      }
      assertThat(byAttempts[2]).as("calls retried").isEqualTo(RETRY_FLOOR);
      assertThat(byAttempts[1]).as("calls not retried").isEqualTo(20);
      assertThat(count(registry, "ballast.http.retries")).isEqualTo(RETRY_FLOOR);
      assertThat(count(registry, "ballast.http.retries.denied")).isEqualTo(20);
    }
    assertThat(farm.farm().totalRequests()).isEqualTo(2L * RETRY_FLOOR + 20);
  }

  @Test
  void hedgesStopOnceTheirFloorIsSpentAndDoNotDrawOnTheRetryBudget() {
    HttpInstance slow = farm.instance("i1").latency(Duration.ofMillis(300));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client =
        client(registry, S + "hedge.delay", "50ms", S + "hedge.budget-percent", "0")) {
      for (int i = 0; i < 30; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/h/" + i).build()).statusCode())
            .isEqualTo(200);
      }
      // At least 15 of the 30 calls start on the slow instance and want a hedge: 10 get one.
      assertThat(count(registry, "ballast.http.hedges")).isEqualTo(HEDGE_FLOOR);
      assertThat(count(registry, "ballast.http.hedges.denied")).isPositive();
      System.out.printf(
          "[measured] hedge.budget-percent=0, 30 GETs, i1 +300ms: %.0f hedged, %.0f denied%n",
          count(registry, "ballast.http.hedges"), count(registry, "ballast.http.hedges.denied"));

      // The ten hedges took nothing from the retry budget: all of its floor is still there.
      slow.latency(Duration.ZERO);
      farm.instances().forEach(i -> i.respondWith(503));
      int retried = 0;
      for (int i = 0; i < RETRY_FLOOR + 1; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("orders", "/r/" + i).build());
        assertThat(r.statusCode()).isEqualTo(503);
        retried += r.attempts() == 2 ? 1 : 0;
      }
      assertThat(retried).isEqualTo(RETRY_FLOOR);
      assertThat(count(registry, "ballast.http.retries")).isEqualTo(RETRY_FLOOR);
      assertThat(count(registry, "ballast.http.retries.denied")).isEqualTo(1);
    }
  }

  @Test
  void postIsNeverHedged() {
    farm.instances().forEach(i -> i.latency(Duration.ofMillis(300)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client =
        client(registry, S + "hedge.delay", "50ms", S + "hedge.budget-percent", "100")) {
      for (int i = 0; i < 3; i++) {
        ServiceResponse r = client.send(ServiceRequest.post("orders", "/p/" + i).body("x").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.attempts()).isEqualTo(1);
      }
      assertThat(count(registry, "ballast.http.hedges")).isZero();
      assertThat(count(registry, "ballast.http.hedges.denied")).isZero();
    }
    assertThat(farm.instances().stream().mapToLong(i -> i.requestCount("POST")).sum()).isEqualTo(3);
  }
}
