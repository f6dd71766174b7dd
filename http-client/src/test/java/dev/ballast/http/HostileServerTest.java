package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HostileResponse;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import dev.ballast.testkit.HttpInstanceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against servers that break HTTP: garbage and truncated replies, an endless body, and
 * keep-alive connections the server closes behind the client's back. Counts are taken at the
 * servers, which see every request that reached them.
 */
class HostileServerTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("hostile").instances(3));

  @AfterEach
  void everyClientClosedItsConnections() {
    awaitNoServerConnections(farm);
  }

  /** Round robin, so every instance, the hostile one included, gets its share of first attempts. */
  private static Properties echo(String... extra) {
    Properties p =
        service(
            "echo",
            farm,
            "ballast.http.services.echo.strategy",
            "round-robin",
            "ballast.http.services.echo.retry.backoff",
            "1ms",
            // Generous, so that a failure that only a timeout could end is told apart by its
            // message.
            "ballast.http.services.echo.request-timeout",
            "60s");
    for (int i = 0; i < extra.length; i += 2) {
      p.setProperty(extra[i], extra[i + 1]);
    }
    return p;
  }

  @Test
  void getAnsweredWithGarbageIsRetriedOnAnotherInstance() {
    getIsRetriedElsewhereWhenOneInstanceAnswers(HostileResponse.MALFORMED_STATUS_LINE);
  }

  @Test
  void getAnsweredWithATruncatedBodyIsRetriedOnAnotherInstance() {
    getIsRetriedElsewhereWhenOneInstanceAnswers(HostileResponse.TRUNCATED_BODY);
  }

  private static void getIsRetriedElsewhereWhenOneInstanceAnswers(HostileResponse hostile) {
    HttpInstance bad = farm.instance("i1");
    bad.respondHostile(hostile);
    int calls = 30;
    try (BallastHttpClient client = BallastHttpClient.fromProperties(echo())) {
      int retried = 0;
      for (int i = 0; i < calls; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("echo", "/get/" + i).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isIn("i2", "i3");
        if (r.attempts() > 1) {
          retried++;
        }
      }
      assertThat(bad.requestCount("GET")).as("GETs that met the %s", hostile).isPositive();
      assertThat(retried).isEqualTo(bad.requestCount("GET"));
      assertThat(farm.farm().totalRequests()).isEqualTo(calls + bad.requestCount("GET"));
    }
  }

  @Test
  void postAnsweredWithGarbageIsNotSentAgain() {
    farm.instances().forEach(i -> i.respondHostile(HostileResponse.MALFORMED_STATUS_LINE));
    try (BallastHttpClient client = BallastHttpClient.fromProperties(echo())) {
      assertThatThrownBy(
              () -> client.send(ServiceRequest.post("echo", "/orders").body("{\"n\":1}").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining(
              "POST /orders on service 'echo' failed: no response after 1 attempt")
          .hasMessageContaining("invalid HTTP response")
          .hasMessageContaining("not retried: a POST may have been received by the endpoint");
    }
    assertThat(farm.instances().stream().mapToLong(i -> i.requestCount("POST")).sum()).isEqualTo(1);
  }

  @Test
  void postAnsweredWithATruncatedBodyIsNotSentAgain() {
    farm.instances().forEach(i -> i.respondHostile(HostileResponse.TRUNCATED_BODY));
    try (BallastHttpClient client = BallastHttpClient.fromProperties(echo())) {
      assertThatThrownBy(
              () -> client.send(ServiceRequest.post("echo", "/orders").body("{\"n\":1}").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("no response after 1 attempt")
          .hasMessageContaining("not retried: a POST may have been received by the endpoint");
    }
    assertThat(farm.instances().stream().mapToLong(i -> i.requestCount("POST")).sum()).isEqualTo(1);
  }

  @Test
  void endlessBodyStopsAtMaxResponseSizeAndClosesTheConnection() {
    farm.instances().forEach(i -> i.respondHostile(HostileResponse.ENDLESS_CHUNKED_BODY));
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            echo("ballast.http.services.echo.max-response-size", "64KB"))) {
      assertThatThrownBy(() -> client.send(ServiceRequest.get("echo", "/stream").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("GET /stream on service 'echo' failed: no response after 1 attempt")
          .hasMessageContaining("response larger than max-response-size")
          .hasMessageContaining("not retried: response too large");
      assertThat(farm.farm().totalRequests()).isEqualTo(1);
      // The client closed the connection at the limit: the server's endless writer stops with it,
      // while the client is still open (so it was not the client's close that ended the read).
      awaitNoServerConnections(farm);
    }
  }

  @Test
  void postsAfterTheServerClosedIdleConnectionsAllArriveExactlyOnce() throws Exception {
    farm.instances().forEach(i -> i.closeIdleConnectionsAfter(Duration.ofMillis(200)));
    int rounds = 3;
    int perRound = 12;
    List<String> sent = new ArrayList<>();
    try (BallastHttpClient client = BallastHttpClient.fromProperties(echo())) {
      for (int round = 0; round < rounds; round++) {
        List<CompletableFuture<ServiceResponse>> calls = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
          String path = "/orders/" + round + "-" + i;
          sent.add(path);
          calls.add(client.sendAsync(ServiceRequest.post("echo", path).body("x").build()));
        }
        for (CompletableFuture<ServiceResponse> call : calls) {
          assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // Every pooled connection is now one the servers closed while it sat idle in the pool.
        awaitNoServerConnections(farm);
        // ... and the client has read those closes: a POST written on a connection whose FIN is
        // still in flight cannot be resent safely (it may have arrived), which is not this test's
        // scenario but a race no client can avoid.
        await().atMost(Duration.ofSeconds(15)).until(() -> client.openConnections() == 0);
      }
    }
    List<String> arrived = new ArrayList<>();
    for (HttpInstance i : farm.instances()) {
      for (HttpInstanceRequest r : i.requestLog()) {
        if (r.method().equals("POST")) {
          arrived.add(r.path());
        }
      }
    }
    assertThat(arrived).containsExactlyInAnyOrderElementsOf(sent);
  }
}
