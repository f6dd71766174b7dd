package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    // Below the servers' 200 ms, as the key's documentation asks.
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            echo("ballast.http.services.echo.non-idempotent-max-idle", "50ms"))) {
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
        // Every pooled connection is now one the servers closed while it sat idle in the pool;
        // the next round starts at once, whether or not the client has read those closes yet.
        awaitNoServerConnections(farm);
      }
    }
    assertThat(postsArrived(farm.instances())).containsExactlyInAnyOrderElementsOf(sent);
  }

  /**
   * The race itself, every time: the server's keep-alive timeout (200 ms) loses to the request that
   * arrives on a connection idle that long, which the server drops unread (as one does whose FIN
   * crossed the request). POSTs with gaps on either side of that timeout never go on such a
   * connection, so each arrives once and none fails; the GET at the end shows that the fault was
   * there to be met.
   */
  @Test
  void postsTimedAtTheServersKeepAliveCloseAllArriveExactlyOnce() throws Exception {
    HttpInstance server = farm.instance("i1");
    warmUp(server);
    server.loseRequestsOnConnectionsIdleFor(Duration.ofMillis(200), false);
    // Reuse stays safe while the server's idle time (the client's plus the response's way back)
    // is below 200 ms: the client's limit of 20 ms leaves 180 ms for a loaded machine's delays.
    long[] gapsMillis = {5, 100, 190, 200, 210, 300};
    int posts = 48;
    List<String> sent = new ArrayList<>();
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            orders(server, "ballast.http.services.orders.non-idempotent-max-idle", "20ms"))) {
      for (int i = 0; i < posts; i++) {
        String path = "/orders/" + i;
        ServiceResponse r = client.send(ServiceRequest.post("orders", path).body("x").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.attempts()).isEqualTo(1);
        sent.add(path);
        Thread.sleep(gapsMillis[i % gapsMillis.length]);
      }
      // Idle 300 ms: a GET does take the youngest connection (it may be resent), meets the dropped
      // request, and is sent again on a new connection, not on the older idle ones, which the
      // server has dropped too.
      ServiceResponse get = client.send(ServiceRequest.get("orders", "/after-the-gap").build());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.attempts()).isEqualTo(2);
    }
    assertThat(postsArrived(List.of(server))).containsExactlyElementsOf(sent);
    // Pooling still works for POSTs that follow each other closely (the 5 ms gaps).
    assertThat(server.requestLog().stream().mapToLong(HttpInstanceRequest::connectionId).distinct())
        .hasSizeLessThan(posts);
  }

  /**
   * A server that announces its keep-alive timeout ({@code Keep-Alive: timeout=1}) caps reuse at
   * three quarters of it, for every request, even with the client's own limit far above.
   */
  @Test
  void theServersAnnouncedKeepAliveTimeoutBoundsReuse() throws Exception {
    HttpInstance server = farm.instance("i1");
    warmUp(server);
    server.loseRequestsOnConnectionsIdleFor(Duration.ofSeconds(1), true);
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            orders(server, "ballast.http.services.orders.non-idempotent-max-idle", "1h"))) {
      ServiceResponse first = client.send(ServiceRequest.post("orders", "/a").body("x").build());
      assertThat(first.header("Keep-Alive")).contains("timeout=1");
      Thread.sleep(1100);
      ServiceResponse late = client.send(ServiceRequest.post("orders", "/b").body("x").build());
      ServiceResponse soon = client.send(ServiceRequest.post("orders", "/c").body("x").build());
      Thread.sleep(1100);
      ServiceResponse get = client.send(ServiceRequest.get("orders", "/d").build());
      assertThat(List.of(late.statusCode(), soon.statusCode(), get.statusCode())).containsOnly(200);
      // Retired, not tried: the GET needed no second attempt.
      assertThat(get.attempts()).isEqualTo(1);
    }
    assertThat(postsArrived(List.of(server))).containsExactly("/a", "/b", "/c");
    List<HttpInstanceRequest> log = server.requestLog();
    assertThat(log).extracting(HttpInstanceRequest::path).containsExactly("/a", "/b", "/c", "/d");
    // A new connection after each long gap; the one right after reused.
    long[] connections = log.stream().mapToLong(HttpInstanceRequest::connectionId).toArray();
    assertThat(connections[1]).isNotEqualTo(connections[0]);
    assertThat(connections[2]).isEqualTo(connections[1]);
    assertThat(connections[3]).isNotEqualTo(connections[2]);
  }

  /**
   * One exchange by a client of its own, before the fault: a cold JVM's first response takes long
   * to decode (class loading), and that time counts as idle at the server but not at the client.
   */
  private static void warmUp(HttpInstance server) {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(orders(server))) {
      client.send(ServiceRequest.post("orders", "/warm-up").body("x").build());
      client.send(ServiceRequest.get("orders", "/warm-up").build());
    }
    awaitNoServerConnections(farm);
    server.resetCounters();
  }

  /**
   * A full pool whose only idle connection is too old for a POST retires it and opens a new one,
   * rather than writing on it or failing the POST for want of a connection.
   */
  @Test
  void aPostRetiresAnIdleConnectionTooOldForItWhenThePoolIsFull() {
    HttpInstance server = farm.instance("i1");
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            orders(
                server,
                "ballast.http.services.orders.max-connections-per-endpoint",
                "1",
                "ballast.http.services.orders.non-idempotent-max-idle",
                "0s"))) {
      for (String path : List.of("/a", "/b", "/c")) {
        ServiceResponse r = client.send(ServiceRequest.post("orders", path).body("x").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(client.openConnections()).isLessThanOrEqualTo(1);
      }
      // A GET may still take an idle connection of any age.
      assertThat(client.send(ServiceRequest.get("orders", "/d").build()).statusCode())
          .isEqualTo(200);
    }
    List<HttpInstanceRequest> log = server.requestLog();
    assertThat(log).extracting(HttpInstanceRequest::path).containsExactly("/a", "/b", "/c", "/d");
    assertThat(log.stream().mapToLong(HttpInstanceRequest::connectionId).distinct()).hasSize(3);
  }

  /** Service {@code orders} on {@code server} alone, so that every gap is its connection's idle. */
  private static Properties orders(HttpInstance server, String... extra) {
    Properties p =
        TestSupport.props(
            "ballast.http.services.orders.endpoints",
            server.endpointSpec(),
            "ballast.http.services.orders.request-timeout",
            "60s");
    for (int i = 0; i < extra.length; i += 2) {
      p.setProperty(extra[i], extra[i + 1]);
    }
    return p;
  }

  private static List<String> postsArrived(List<HttpInstance> servers) {
    List<String> arrived = new ArrayList<>();
    for (HttpInstance i : servers) {
      for (HttpInstanceRequest r : i.requestLog()) {
        if (r.method().equals("POST")) {
          arrived.add(r.path());
        }
      }
    }
    return arrived;
  }
}
