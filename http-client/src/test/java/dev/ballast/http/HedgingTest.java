package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backup requests cut the tail when one instance is slow; the loser is cancelled. */
class HedgingTest {

  @Test
  void backupRequestAnswersWhileTheSlowInstanceIsStillWorking() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().name("hedge").instances(2).build()) {
      HttpInstance slow = farm.instance("i1").latency(Duration.ofSeconds(2));
      int hedged = 0;
      long slowest = 0;
      try (BallastHttpClient client =
          BallastHttpClient.fromProperties(
              service(
                  "orders",
                  farm,
                  "ballast.http.services.orders.strategy",
                  "round-robin",
                  "ballast.http.services.orders.hedge.delay",
                  "50ms",
                  "ballast.http.services.orders.hedge.budget-percent",
                  "100"),
              registry)) {
        for (int i = 0; i < 10; i++) {
          long start = System.nanoTime();
          ServiceResponse r = client.send(ServiceRequest.get("orders", "/hedge").build());
          slowest = Math.max(slowest, System.nanoTime() - start);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.bodyAsString()).isEqualTo("i2");
          hedged += r.attempts() == 2 ? 1 : 0;
        }
        assertThat(hedged).isPositive();
        assertThat(registry.get("ballast.http.hedges").counter().count()).isEqualTo(hedged);
        assertThat(slow.requestCount()).isEqualTo(hedged);
        // The losers were cancelled: their connections closed and their picks released.
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(slow.activeConnections()).isZero());
        assertThat(client.loadBalancer("orders").endpoints())
            .allSatisfy(s -> assertThat(s.inFlight()).isZero());
      }
      System.out.printf(
          "[measured] hedging after 50ms, one instance +2s: %d of 10 calls hedged, slowest %d ms%n",
          hedged, slowest / 1_000_000);
      assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(1000));
    }
  }
}
