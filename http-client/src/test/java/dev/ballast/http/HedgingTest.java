package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Backup requests cut the tail when one instance is slow; the loser is cancelled. */
class HedgingTest {

  @Test
  void backupRequestAnswersWhileTheSlowInstanceIsStillWorking() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().name("hedge").instances(2).build()) {
      // 10 s: far beyond the 50 ms hedge delay plus any stall, so i2 always answers first.
      HttpInstance slow = farm.instance("i1").latency(Duration.ofSeconds(10));
      HttpInstance fast = farm.instance("i2");
      Set<String> hedgedPaths = new HashSet<>();
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
          String path = "/hedge/" + i;
          long start = System.nanoTime();
          ServiceResponse r = client.send(ServiceRequest.get("orders", path).build());
          slowest = Math.max(slowest, System.nanoTime() - start);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.bodyAsString()).isEqualTo("i2");
          assertThat(r.attempts()).isBetween(1, 2);
          if (r.attempts() == 2) {
            hedgedPaths.add(path);
          }
        }
        // Round-robin takes one turn per attempt, so once a call starts on i1 (and is hedged to
        // i2) so does every later one; only a call that starts on i2 can go unhedged, and the
        // next call then starts on i1.
        assertThat(hedgedPaths).hasSizeGreaterThanOrEqualTo(9);
        assertThat(registry.get("ballast.http.hedges").counter().count())
            .isEqualTo(hedgedPaths.size());
        // i2 answered every call once. i1 saw only hedged calls, each at most once: an attempt
        // cancelled before it was written never reaches it, and one already written may be
        // counted after the call ended, so wait for a first one.
        assertThat(pathsRead(fast))
            .containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "/hedge/" + i).toList());
        await().atMost(Duration.ofSeconds(15)).until(() -> slow.requestCount() >= 1);
        assertThat(pathsRead(slow)).doesNotHaveDuplicates().isSubsetOf(hedgedPaths);
        // The losers were cancelled: their connections closed and their picks released.
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(slow.activeConnections()).isZero());
        assertThat(client.loadBalancer("orders").endpoints())
            .allSatisfy(s -> assertThat(s.inFlight()).isZero());
      }
      System.out.printf(
          "[measured] hedging after 50ms, one instance +10s: %d of 10 calls hedged, i1 read %d,"
              + " slowest %d ms%n",
          hedgedPaths.size(), slow.requestCount(), slowest / 1_000_000);
      // Far below the 10 s the slow instance takes.
      assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(5));
    }
  }

  /** Paths of the non-health requests that {@code instance} read, in order. */
  private static List<String> pathsRead(HttpInstance instance) {
    return instance.requestLog().stream()
        .filter(r -> !r.healthCheck())
        .map(HttpInstanceRequest::path)
        .toList();
  }
}
