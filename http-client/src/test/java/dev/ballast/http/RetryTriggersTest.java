package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers make the client try another instance, and which it hands to the caller. */
class RetryTriggersTest {
  private static final String S = "ballast.http.services.orders.";

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("triggers").instances(4));

  /** Round-robin, no ejection: every fourth call starts on i1, whatever it does. */
  private static BallastHttpClient roundRobin() {
    return BallastHttpClient.fromProperties(
        service(
            "orders",
            farm,
            S + "strategy",
            "round-robin",
            S + "outlier.consecutive-failures",
            "0"));
  }

  private static void getFailingOnI1IsRetriedOnAnotherInstance(Consumer<HttpInstance> fault) {
    HttpInstance bad = farm.instance("i1");
    fault.accept(bad);
    int retried = 0;
    try (BallastHttpClient client = roundRobin()) {
      for (int i = 0; i < 12; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("orders", "/t/" + i).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isNotEqualTo("i1");
        if (r.attempts() == 2) {
          retried++;
        } else {
          assertThat(r.attempts()).isEqualTo(1);
        }
      }
    }
    // Each call that reached i1 was answered by another instance on its second attempt.
    assertThat(retried).isEqualTo((int) bad.requestCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void getAnsweredByAResetSucceedsOnAnotherInstance() {
    getFailingOnI1IsRetriedOnAnotherInstance(i -> i.reset(true));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {502, 504})
  void getAnsweredByAGatewayErrorSucceedsOnAnotherInstance(int status) {
    getFailingOnI1IsRetriedOnAnotherInstance(i -> i.respondWith(status));
  }

  @Test
  void getAnswered503EverywhereReturnsThe503AfterMaxAttempts() {
    farm.instances().forEach(i -> i.respondWith(503));
    try (BallastHttpClient client = roundRobin()) {
      ServiceResponse r = client.send(ServiceRequest.get("orders", "/all503").build());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.attempts()).isEqualTo(3); // retry.max-attempts default
    }
    assertThat(farm.farm().totalRequests()).isEqualTo(3);
    assertThat(farm.instances())
        .allSatisfy(i -> assertThat(i.requestCount()).isLessThanOrEqualTo(1));
  }

  @Test
  void patchAnswered503IsNotRetried() {
    farm.instances().forEach(i -> i.respondWith(503));
    try (BallastHttpClient client = roundRobin()) {
      ServiceResponse r =
          client.send(ServiceRequest.builder("PATCH", "orders", "/p").body("x").build());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.attempts()).isEqualTo(1);
    }
    assertThat(farm.instances().stream().mapToLong(i -> i.requestCount("PATCH")).sum())
        .isEqualTo(1);
    assertThat(farm.farm().totalRequests()).isEqualTo(1);
  }
}
