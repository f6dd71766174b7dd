package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.EndpointStatus;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passive outlier detection fed by real responses and failures of four real instances. */
class PassiveEjectionTest {
  private static final String S = "ballast.http.services.orders.";

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("eject").instances(4));

  private static BallastHttpClient client(SimpleMeterRegistry registry, String... extra) {
    List<String> kv = new ArrayList<>(List.of(S + "strategy", "round-robin"));
    kv.add(S + "outlier.consecutive-failures");
    kv.add("3");
    kv.addAll(List.of(extra));
    return BallastHttpClient.fromProperties(
        service("orders", farm, kv.toArray(String[]::new)), registry);
  }

  private static Map<Integer, EndpointStatus.State> states(BallastHttpClient client) {
    return client.loadBalancer("orders").endpoints().stream()
        .collect(Collectors.toMap(s -> s.endpoint().port(), EndpointStatus::state));
  }

  private static double ejections(SimpleMeterRegistry registry) {
    return registry.get("ballast.lb.ejections").tag("service", "orders").functionCounter().count();
  }

  @Test
  void instanceAnswering500IsEjectedAfterConsecutiveFailures() {
    HttpInstance bad = farm.instance("i1").respondWith(500);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client = client(registry)) {
      int served500 = 0;
      for (int i = 0; i < 40; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("orders", "/e").build());
        // 500 is not a retry trigger: the caller gets it.
        served500 += r.statusCode() == 500 ? 1 : 0;
        assertThat(r.attempts()).isEqualTo(1);
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> states(client).get(bad.port()) == EndpointStatus.State.EJECTED);
      assertThat(served500).isEqualTo((int) bad.requestCount()).isGreaterThanOrEqualTo(3);
      assertThat(ejections(registry)).isEqualTo(1.0);
      bad.mark();
      for (int i = 0; i < 20; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/e").build()).statusCode())
            .isEqualTo(200);
      }
      assertThat(bad.countSinceMark()).as("requests to the ejected instance").isZero();
      System.out.printf(
          "[measured] 500s, consecutive-failures=3: ejected after %d requests to it%n",
          bad.requestCount());
    }
  }

  @Test
  void instanceAnswering404IsNeverEjected() {
    HttpInstance notFound = farm.instance("i1").respondWith(404);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client = client(registry)) {
      int got404 = 0;
      for (int i = 0; i < 40; i++) {
        got404 +=
            client.send(ServiceRequest.get("orders", "/e").build()).statusCode() == 404 ? 1 : 0;
      }
      // Round-robin over four: every fourth call, and the instance stays in rotation throughout.
      assertThat(got404).isEqualTo(10);
      assertThat(notFound.requestCount()).isEqualTo(10);
      assertThat(states(client).values()).containsOnly(EndpointStatus.State.HEALTHY);
      assertThat(ejections(registry)).isZero();
    }
  }

  @Test
  void instanceResettingConnectionsIsEjectedAndItsGetsSucceedElsewhere() {
    HttpInstance resetting = farm.instance("i1").reset(true);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client = client(registry)) {
      int retried = 0;
      for (int i = 0; i < 40; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("orders", "/e").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isNotEqualTo("i1");
        retried += r.attempts() == 2 ? 1 : 0;
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> states(client).get(resetting.port()) == EndpointStatus.State.EJECTED);
      assertThat(retried).isEqualTo((int) resetting.requestCount()).isGreaterThanOrEqualTo(3);
      assertThat(ejections(registry)).isEqualTo(1.0);
      System.out.printf(
          "[measured] resets, consecutive-failures=3: ejected after %d requests to it%n",
          resetting.requestCount());
    }
  }

  @Test
  void waitingForABusyPoolDoesNotCountAgainstTheEndpoint() throws Exception {
    // One connection per endpoint, each held by a 3 s call; 40 more calls with a 300 ms timeout
    // then queue inside the client and time out there. That is the client's own limit, not the
    // endpoints' fault: ten such timeouts per endpoint must eject nothing.
    farm.instances().forEach(i -> i.latency(Duration.ofSeconds(3)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (BallastHttpClient client =
        client(
            registry,
            S + "max-connections-per-endpoint",
            "1",
            S + "retry.max-attempts",
            "1",
            S + "outlier.max-ejection-percent",
            "100")) {
      List<CompletableFuture<ServiceResponse>> holders = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        holders.add(client.sendAsync(ServiceRequest.get("orders", "/hold/" + i).build()));
      }
      // Round-robin gave each endpoint one: every connection is now busy with a written request.
      await().atMost(Duration.ofSeconds(15)).until(() -> farm.farm().totalRequests() == 4);
      List<CompletableFuture<ServiceResponse>> waiters = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        waiters.add(
            client.sendAsync(
                ServiceRequest.get("orders", "/wait/" + i)
                    .timeout(Duration.ofMillis(300))
                    .build()));
      }
      for (CompletableFuture<ServiceResponse> w : waiters) {
        assertThat(w)
            .failsWithin(Duration.ofSeconds(30))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOf(BallastHttpException.class)
            .withMessageContaining("waiting for a connection");
      }
      for (CompletableFuture<ServiceResponse> h : holders) {
        assertThat(h.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(farm.farm().totalRequests())
          .as("requests that reached the instances")
          .isEqualTo(4);
      assertThat(states(client).values()).containsOnly(EndpointStatus.State.HEALTHY);
      assertThat(ejections(registry)).isZero();
    }
  }
}
