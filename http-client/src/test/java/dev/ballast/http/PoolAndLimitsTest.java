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
import dev.ballast.testkit.HttpInstanceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-endpoint pool: bounded connections, bounded waiters, removal, response size. */
class PoolAndLimitsTest {
  private static HttpInstanceFarm farm;

  @BeforeAll
  static void startFarm() {
    farm = HttpInstanceFarm.builder().name("pool").instances(2).build();
  }

  @AfterAll
  static void stopFarm() {
    farm.close();
  }

  @BeforeEach
  void reset() {
    farm.clearFaults();
    farm.resetCounters();
  }

  private static Endpoint endpointOf(HttpInstance i) {
    return Endpoint.of(i.host(), i.port());
  }

  @Test
  void closesConnectionsIdleForIdleTimeoutAndOpensNewOnesAfterwards() {
    HttpInstance one = farm.instance("i1").latency(Duration.ofMillis(100));
    HttpServiceConfig config =
        HttpServiceConfig.builder().idleTimeout(Duration.ofMillis(300)).build();
    try (BallastHttpClient client =
        BallastHttpClient.builder()
            .service("one", List.of(endpointOf(one)), config)
            .eventLoopThreads(1)
            .build()) {
      List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(client.sendAsync(ServiceRequest.get("one", "/idle").build()));
      }
      futures.forEach(CompletableFuture::join);
      assertThat(one.activeConnections()).isEqualTo(3);

      // Kept alive while used: one call every 100 ms keeps one connection younger than 300 ms.
      one.latency(Duration.ZERO);
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(900);
      while (System.nanoTime() < until) {
        assertThat(client.send(ServiceRequest.get("one", "/busy").build()).statusCode())
            .isEqualTo(200);
        sleepMillis(100);
      }
      assertThat(one.activeConnections()).isEqualTo(1);

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(one.activeConnections()).isZero());
      assertThat(client.send(ServiceRequest.get("one", "/again").build()).statusCode())
          .isEqualTo(200);
      assertThat(one.activeConnections()).isEqualTo(1);
    }
  }

  @Test
  void idleTimeoutDefaultsToAMinuteAndMustBePositive() {
    assertThat(HttpServiceConfig.defaults().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> HttpServiceConfig.builder().idleTimeout(Duration.ZERO).build())
        .hasMessageContaining("idle-timeout: 0s (expected: a positive duration)");
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void reusesAtMostMaxConnectionsPerEndpoint() throws Exception {
    HttpInstance one = farm.instance("i1").latency(Duration.ofMillis(50));
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
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(one.requestLog().stream().map(HttpInstanceRequest::connectionId).distinct().count())
        .isEqualTo(2);
  }

  @Test
  void failsFastWhenTooManyAttemptsWaitForAConnection() {
    HttpInstance one = farm.instance("i1").latency(Duration.ofMillis(500));
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
          .atMost(Duration.ofSeconds(5))
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
    assertThat(farm.totalRequests()).isEqualTo(1);
  }
}
