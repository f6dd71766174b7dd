package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client tells the load balancer (issue 12 §3): the latency fed to peak-EWMA is the
 * endpoint's, not the time a call spent queued inside the client, and two equal instances share the
 * traffic.
 */
class FeedbackTruthTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("feedback").instances(2));

  private static Endpoint endpointOf(HttpInstance i) {
    return Endpoint.of(i.host(), i.port());
  }

  private static HttpServiceConfig peakEwma(int maxConnections) {
    return HttpServiceConfig.builder()
        .lb(LbConfig.builder().strategy(Strategy.PEAK_EWMA).build())
        .maxConnectionsPerEndpoint(maxConnections)
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void waitingForTheClientsOwnPoolDoesNotRaiseTheEndpointsEstimate() {
    HttpInstance one = farm.instance("i1").latency(Duration.ofMillis(20));
    try (BallastHttpClient client =
        BallastHttpClient.builder().service("one", List.of(endpointOf(one)), peakEwma(1)).build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(client.send(ServiceRequest.get("one", "/warm").build()).statusCode())
            .isEqualTo(200);
      }
      long before = estimate(client);

      // 20 callers, one connection: they queue one behind another, the last for about 19 × 20 ms.
      long start = System.nanoTime();
      List<CompletableFuture<ServiceResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(client.sendAsync(ServiceRequest.get("one", "/queued").build()));
      }
      for (CompletableFuture<ServiceResponse> c : calls) {
        assertThat(c.join().statusCode()).isEqualTo(200);
      }
      long burstNanos = System.nanoTime() - start;
      long after = estimate(client);

      assertThat(burstNanos)
          .as("20 calls of 20 ms over one connection run one after another (the waits happened)")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(380));
      // Counted from the start of each call, the last waiter's ~400 ms would be the estimate (a
      // peak replaces it). Counted from the send, every sample is one 20 ms exchange. (The first,
      // cold calls of a fresh client may have left a higher peak, which the exchanges only lower.)
      assertThat(after)
          .as("estimate before %d µs, after %d µs", before / 1000, after / 1000)
          .isLessThanOrEqualTo(Math.max(before, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }

  @Test
  void waitsThatEndInsideTheClientDoNotMoveTheEstimate() {
    // Issue 12 §3: a wait for this client's own pool that ends without sending (the pool's wait
    // timed out, or too many were already waiting) says nothing about the endpoint. One
    // connection, held by a slow call; 20 callers behind it: 5 may wait, 15 are refused at once.
    HttpInstance one = farm.instance("i2").latency(Duration.ofMillis(20));
    HttpServiceConfig config = peakEwma(1).toBuilder().maxPendingAcquires(5).build();
    try (BallastHttpClient client =
        BallastHttpClient.builder().service("one", List.of(endpointOf(one)), config).build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(client.send(ServiceRequest.get("one", "/warm").build()).statusCode())
            .isEqualTo(200);
      }
      one.latency(Duration.ofSeconds(10));
      long arrived = one.requestCount();
      CompletableFuture<ServiceResponse> holder =
          client.sendAsync(ServiceRequest.get("one", "/holds-the-connection").build());
      await().atMost(Duration.ofSeconds(10)).until(() -> one.requestCount() > arrived);
      long before = estimate(client);

      long start = System.nanoTime();
      List<CompletableFuture<ServiceResponse>> waiters = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        waiters.add(
            client.sendAsync(
                ServiceRequest.get("one", "/waits").timeout(Duration.ofMillis(1500)).build()));
      }
      for (CompletableFuture<ServiceResponse> w : waiters) {
        assertThatThrownBy(w::join).hasCauseInstanceOf(BallastHttpException.class);
      }
      long waitedNanos = System.nanoTime() - start;
      long after = estimate(client);

      assertThat(waitedNanos)
          .as("the 5 that could wait waited out their 1.5 s")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1400));
      assertThat(one.requestCount()).as("no waiter reached the instance").isEqualTo(arrived + 1);
      assertThat(before)
          .as("the warm estimate is below the waits, so a wait taken as latency would show")
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
      // Nothing recorded: the estimate only decayed with idle time since the last exchange.
      assertThat(after)
          .as("estimate before %d µs, after %d µs", before / 1000, after / 1000)
          .isLessThanOrEqualTo(before);
      assertThat(holder).isNotDone();
    } finally {
      one.latency(Duration.ZERO);
    }
  }

  private static long estimate(BallastHttpClient client) {
    List<EndpointStatus> status = client.loadBalancer("one").endpoints();
    assertThat(status).hasSize(1);
    return status.get(0).ewmaNanos();
  }
}
