package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.Ticker;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An endpoint that a discovery marks draining, or that disappears from its set, against real local
 * servers: it gets no new calls, the calls in flight on it complete, the calls still queued for its
 * connections go to another endpoint, and its connections close once they come back idle — while
 * the connections of an endpoint in rotation stay pooled.
 */
class DiscoveryDrainingTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("drain").instances(2));

  private static HttpInstance old;
  private static HttpInstance fresh;

  @BeforeAll
  static void findInstances() {
    old = farm.instance("i1");
    fresh = farm.instance("i2");
  }

  @AfterEach
  void noConnectionLeft() {
    awaitNoServerConnections(farm);
  }

  private static BallastHttpClient client(ScriptedDiscovery discovery) {
    HttpServiceConfig config =
        HttpServiceConfig.builder()
            // One connection: the calls beyond the first queue for it, so the drain meets both
            // calls on the wire and calls waiting for a connection.
            .maxConnectionsPerEndpoint(1)
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    return BallastHttpClient.builder()
        .service(
            "orders",
            new DiscoveredEndpointSource("orders", "scripted", discovery, Ticker.system()),
            config)
        .eventLoopThreads(1)
        .build();
  }

  @Test
  void aDrainingEndpointFinishesItsCallsGetsNoNewOnesAndClosesItsConnections() {
    drainsAndCompletes(d -> d.report(List.of(fresh), List.of(old)));
  }

  @Test
  void anEndpointThatDisappearsIsDrainedTheSameWayNotCut() {
    drainsAndCompletes(d -> d.report(fresh));
  }

  private void drainsAndCompletes(java.util.function.Consumer<ScriptedDiscovery> drain) {
    ScriptedDiscovery discovery = new ScriptedDiscovery();
    try (BallastHttpClient client = client(discovery)) {
      discovery.report(old);
      // the client's control plane applies a set on its own thread: wait for it
      client.loadBalancer("orders").flush().join();
      old.latency(Duration.ofSeconds(3));
      List<CompletableFuture<ServiceResponse>> early = new ArrayList<>();
      early.add(client.sendAsync(ServiceRequest.get("orders", "/in-flight").build()));
      early.add(client.sendAsync(ServiceRequest.post("orders", "/queued/1").body("x").build()));
      early.add(client.sendAsync(ServiceRequest.post("orders", "/queued/2").body("y").build()));
      early.add(client.sendAsync(ServiceRequest.get("orders", "/queued").build()));
      // One call on the wire to the old instance, three queued for its only connection.
      await().atMost(Duration.ofSeconds(15)).until(() -> old.requestCount() == 1);
      assertThat(old.activeConnections()).isEqualTo(1);

      drain.accept(discovery);
      client.loadBalancer("orders").flush().join();
      List<CompletableFuture<ServiceResponse>> late = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        late.add(client.sendAsync(ServiceRequest.get("orders", "/late/" + i).build()));
      }

      assertThat(early)
          .allSatisfy(
              f ->
                  assertThat(f)
                      .succeedsWithin(Duration.ofSeconds(30))
                      .matches(r -> r.statusCode() == 200, "status 200"));
      assertThat(late)
          .allSatisfy(
              f ->
                  assertThat(f)
                      .succeedsWithin(Duration.ofSeconds(30))
                      .matches(r -> r.endpoint().port() == fresh.port(), "on the fresh instance"));
      // The call on the wire finished where it was; the queued ones moved to the fresh instance
      // (unless a stall let the in-flight call end first and hand its connection on), and no
      // call was sent twice.
      assertThat(early.get(0).join().endpoint().port()).isEqualTo(old.port());
      long onOld = early.stream().filter(f -> f.join().endpoint().port() == old.port()).count();
      assertThat(old.requestCount()).isEqualTo(onOld);
      assertThat(fresh.requestCount()).isEqualTo(early.size() - onOld + late.size());
      // The old instance's connection closed when its last call returned it; the fresh one's
      // stays pooled for reuse.
      await().atMost(Duration.ofSeconds(15)).until(() -> old.activeConnections() == 0);
      assertThat(fresh.activeConnections()).isEqualTo(1);
    }
  }
}
