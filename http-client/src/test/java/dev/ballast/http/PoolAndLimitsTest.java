package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import dev.ballast.testkit.HttpInstanceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-endpoint pool: bounded connections, bounded waiters, removal, response size. */
class PoolAndLimitsTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("pool").instances(2));

  private static Endpoint endpointOf(HttpInstance i) {
    return Endpoint.of(i.host(), i.port());
  }

  @Test
  void closesConnectionsIdleForIdleTimeoutAndOpensNewOnesAfterwards() {
    // The pool reads idleness from the injected ticker: with a fake clock that only this test
    // moves, "idle for 300 ms" is exact, and a stalled machine can delay the sweep but never age a
    // connection. 5 s of latency keeps the first three calls overlapping (three connections) unless
    // this thread stalls that long between two sendAsync calls.
    AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    HttpInstance one = farm.instance("i1").latency(Duration.ofSeconds(5));
    HttpServiceConfig config =
        HttpServiceConfig.builder().idleTimeout(Duration.ofMillis(300)).build();
    try (BallastHttpClient client =
        BallastHttpClient.builder()
            .service("one", List.of(endpointOf(one)), config)
            .ticker(now::get)
            .eventLoopThreads(1)
            .build()) {
      List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(client.sendAsync(ServiceRequest.get("one", "/idle").build()));
      }
      futures.forEach(CompletableFuture::join);
      assertThat(one.activeConnections()).isEqualTo(3);

      // Kept alive while used: one call every 200 ms keeps one connection younger than 300 ms,
      // while the other two reach 300 ms and are closed.
      one.latency(Duration.ZERO);
      for (int i = 0; i < 5; i++) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(client.send(ServiceRequest.get("one", "/busy").build()).statusCode())
            .isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(one.activeConnections()).isEqualTo(1));
      assertThat(client.send(ServiceRequest.get("one", "/busy").build()).statusCode())
          .isEqualTo(200);
      Set<Long> busy = connectionsOf(one, "/busy");
      assertThat(busy).as("connections that served /busy").hasSize(1);
      assertThat(one.activeConnections()).isEqualTo(1);

      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(one.activeConnections()).isZero());
      assertThat(client.send(ServiceRequest.get("one", "/again").build()).statusCode())
          .isEqualTo(200);
      assertThat(one.activeConnections()).isEqualTo(1);
      assertThat(connectionsOf(one, "/again")).hasSize(1).doesNotContainAnyElementsOf(busy);
    }
  }

  /** Ids of the server connections that carried requests for {@code path}. */
  private static Set<Long> connectionsOf(HttpInstance instance, String path) {
    return instance.requestLog().stream()
        .filter(r -> r.path().equals(path))
        .map(HttpInstanceRequest::connectionId)
        .collect(Collectors.toSet());
  }

  @Test
  void idleTimeoutDefaultsToAMinuteAndMustBePositive() {
    assertThat(HttpServiceConfig.defaults().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> HttpServiceConfig.builder().idleTimeout(Duration.ZERO).build())
        .hasMessageContaining("idle-timeout: 0s (expected: a positive duration)");
  }

  @Test
  void reusesAtMostMaxConnectionsPerEndpoint() throws Exception {
    // Slow until both connections carry a call, so that the calls overlap even if this thread
    // stalls between two sendAsync calls.
    HttpInstance one = farm.instance("i1").latency(Duration.ofSeconds(5));
    HttpServiceConfig config = HttpServiceConfig.builder().maxConnectionsPerEndpoint(2).build();
    try (BallastHttpClient client =
        BallastHttpClient.builder()
            .service("one", List.of(endpointOf(one)), config)
            .eventLoopThreads(1)
            .build()) {
      List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(client.sendAsync(ServiceRequest.get("one", "/p").build()));
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> one.requestCount() >= 2);
      one.latency(Duration.ZERO);
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(30, TimeUnit.SECONDS);
    }
    assertThat(one.requestLog().stream().map(HttpInstanceRequest::connectionId).distinct().count())
        .isEqualTo(2);
  }

  @Test
  void failsFastWhenTooManyAttemptsWaitForAConnection() {
    // 5 s: "first" must still hold the only connection when "third" asks, however long this
    // thread stalls between the calls.
    HttpInstance one = farm.instance("i1").latency(Duration.ofSeconds(5));
    HttpServiceConfig config =
        HttpServiceConfig.builder()
            .maxConnectionsPerEndpoint(1)
            .maxPendingAcquires(1)
            .retryMaxAttempts(1)
            .build();
    try (BallastHttpClient client =
        BallastHttpClient.builder().service("one", List.of(endpointOf(one)), config).build()) {
      CompletableFuture<ServiceResponse> first =
          client.sendAsync(ServiceRequest.get("one", "/a").build());
      CompletableFuture<ServiceResponse> second =
          client.sendAsync(ServiceRequest.get("one", "/b").build());
      CompletableFuture<ServiceResponse> third =
          client.sendAsync(ServiceRequest.get("one", "/c").build());
      assertThatThrownBy(third::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining(
              ": all 1 connections busy and 1 attempts already waiting (max-pending-acquires)");
      // "third" was turned away: the others need not be slow any more (a request the server has
      // not read yet is answered at once).
      one.latency(Duration.ZERO);
      assertThat(first.join().statusCode()).isEqualTo(200);
      assertThat(second.join().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void closesThePoolOfAnEndpointThatLeavesTheService() {
    HttpInstance stays = farm.instance("i1");
    HttpInstance leaves = farm.instance("i2");
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(List.of(endpointOf(stays), endpointOf(leaves)));
    try (BallastHttpClient client =
        BallastHttpClient.builder()
            .service("dyn", source, HttpServiceConfig.builder().build())
            .build()) {
      for (int i = 0; i < 20; i++) {
        client.send(ServiceRequest.get("dyn", "/d").build());
      }
      assertThat(leaves.activeConnections()).isPositive();
      source.update(List.of(endpointOf(stays)));
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(leaves.activeConnections()).isZero());
      leaves.resetCounters();
      for (int i = 0; i < 10; i++) {
        assertThat(client.send(ServiceRequest.get("dyn", "/d").build()).bodyAsString())
            .isEqualTo("i1");
      }
      assertThat(leaves.requestCount()).isZero();
      assertThat(stays.activeConnections()).isPositive();
    }
  }

  @Test
  void responsesOverTheSizeLimitFailWithoutRetry() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service("orders", farm, "ballast.http.services.orders.max-response-size", "1"))) {
      assertThatThrownBy(() -> client.send(ServiceRequest.get("orders", "/big").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("response larger than max-response-size")
          .hasMessageContaining("\n  not retried: response too large\n");
    }
    assertThat(farm.farm().totalRequests()).isEqualTo(1);
  }
}
