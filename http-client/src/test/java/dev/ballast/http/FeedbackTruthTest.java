package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;

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
      // peak replaces it). Counted from the send, every sample is one 20 ms exchange.
      assertThat(after)
          .as("estimate before %d µs, after %d µs", before / 1000, after / 1000)
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private static long estimate(BallastHttpClient client) {
    List<EndpointStatus> status = client.loadBalancer("one").endpoints();
    assertThat(status).hasSize(1);
    return status.get(0).ewmaNanos();
  }
}
