package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of a running farm as a plain JDK {@link HttpClient} and raw sockets see it.
 *
 * <p>The farm runs on one I/O thread, so a request answered while another is still delayed proves
 * that latency never blocks the event loop.
 */
class HttpInstanceFarmTest {

  private static HttpInstanceFarm farm;
  private static HttpClient client;

  private HttpInstance a1;
  private HttpInstance a2;

  @BeforeAll
  static void startFarm() {
    farm = HttpInstanceFarm.builder().zones("a", "a", "b").ioThreads(1).name("farm-test").build();
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterAll
  static void closeFarm() {
    farm.close();
  }

  @BeforeEach
  void cleanSlate() {
    farm.startAllInstances();
    farm.clearFaults();
    farm.resetCounters();
    a1 = farm.instance("a1");
    a2 = farm.instance("a2");
  }

  @Test
  void answersAnyPathWith200NamingTheInstanceAndEchoingTheMethod() throws Exception {
    HttpResponse<String> get = send(a1, "GET", "/orders/42?x=1");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("a1");
    assertThat(get.headers().firstValue("X-Instance")).hasValue("a1");
    assertThat(get.headers().firstValue("X-Zone")).hasValue("a");
    assertThat(get.headers().firstValue("X-Method")).hasValue("GET");
    assertThat(get.headers().firstValue("Content-Length")).hasValue("2");

    HttpResponse<String> post = send(farm.instance("b1"), "POST", "/");
    assertThat(post.body()).isEqualTo("b1");
    assertThat(post.headers().firstValue("X-Method")).hasValue("POST");
  }

  @Test
  void keepsConnectionsAliveAndAnnouncesBodyLengthForHead() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(a2)) {
      RawHttpConnection.Response head = connection.exchange("HEAD", "/x");
      RawHttpConnection.Response get = connection.exchange("GET", "/y");

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("2");
      assertThat(head.body()).isEmpty();
      assertThat(get.body()).isEqualTo("a2");
    }
    assertThat(a2.requestLog())
        .extracting(HttpInstanceRequest::connectionId)
        .containsOnly(a2.requestLog().get(0).connectionId());
  }

  @Test
  void describesItselfInEndpointListSyntax() {
    assertThat(farm.instances()).extracting(HttpInstance::id).containsExactly("a1", "a2", "b1");
    assertThat(a1.host()).isEqualTo("127.0.0.1");
    assertThat(a1.uri()).isEqualTo(URI.create("http://127.0.0.1:" + a1.port()));
    assertThat(a1.endpointSpec()).isEqualTo("http://127.0.0.1:" + a1.port() + ";zone=a");
    assertThat(farm.endpointSpecs())
        .isEqualTo(
            a1.endpointSpec()
                + ", "
                + a2.endpointSpec()
                + ", "
                + farm.instance("b1").endpointSpec());
    assertThat(farm.instancesInZone("a")).containsExactly(a1, a2);
    assertThat(farm.instances()).extracting(HttpInstance::port).doesNotHaveDuplicates();
  }

  @Test
  void fixedLatencyDelaysResponsesByAtLeastTheConfiguredTime() throws Exception {
    a1.latency(Duration.ofMillis(150));

    long start = System.nanoTime();
    HttpResponse<String> response = send(a1, "GET", "/slow");
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
  }

  @Test
  void rangedLatencyDelaysEachResponseByAtLeastTheMinimum() throws Exception {
    a1.latency(Duration.ofMillis(40), Duration.ofMillis(80));

    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      send(a1, "GET", "/");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void randomLatencyKeepsPipelinedResponsesInRequestOrder() throws Exception {
    a1.latency(Duration.ofMillis(1), Duration.ofMillis(60));
    List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "GET");
    List<String> answered = new ArrayList<>();
    try (RawHttpConnection connection = new RawHttpConnection(a1)) {
      for (String method : methods) {
        connection.send(method, "/");
      }
      for (int i = 0; i < methods.size(); i++) {
        answered.add(connection.read(false).header("X-Method"));
      }
    }
    assertThat(answered).isEqualTo(methods);
  }

  @Test
  void noContentStatusesCarryNoBody() throws Exception {
    a1.respondWith(204);
    try (RawHttpConnection connection = new RawHttpConnection(a1)) {
      RawHttpConnection.Response noContent = connection.exchange("GET", "/");
      a1.clearFaults();
      RawHttpConnection.Response next = connection.exchange("GET", "/");

      assertThat(noContent.status()).isEqualTo(204);
      assertThat(noContent.header("Content-Length")).isEmpty();
      assertThat(noContent.header("X-Instance")).isEqualTo("a1");
      assertThat(next.body()).as("nothing left over on the connection").isEqualTo("a1");
    }
  }

  @Test
  void latencyIsScheduledWithoutBlockingTheEventLoop() throws Exception {
    a1.latency(Duration.ofMillis(1_500));
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(client.sendAsync(request(a1, "GET", "/slow", 10_000), bodyAsString()));
    }
    awaitUntil(() -> a1.requestCount() == 4, Duration.ofSeconds(5));

    // Same single event loop thread: this answer could not come while the thread slept.
    try (RawHttpConnection fast = new RawHttpConnection(a2)) {
      assertThat(fast.exchange("GET", "/fast").status()).isEqualTo(200);
    }

    assertThat(slow).noneMatch(CompletableFuture::isDone);
    for (CompletableFuture<HttpResponse<String>> response : slow) {
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    // The four delays ran concurrently: well under the 6 s that sleeping in turn would take.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_500);
  }

  @Test
  void statusFaultAppliesToEveryRequestButNotToHealthChecks() throws Exception {
    a1.respondWith(503);

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = send(a1, "GET", "/");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("a1");
    }
    assertThat(send(a1, "GET", "/health").statusCode()).isEqualTo(200);
    assertThat(send(a2, "GET", "/").statusCode()).isEqualTo(200);
  }

  @Test
  void statusFaultForAFractionHitsExactlyThatShareInAFixedPattern() throws Exception {
    a1.respondWith(503, 0.5);
    List<Integer> statuses = new ArrayList<>();
    try (RawHttpConnection connection = new RawHttpConnection(a1)) {
      for (int i = 0; i < 200; i++) {
        statuses.add(connection.exchange("GET", "/").status());
      }
      // Tolerance 0: the fraction is spread by a counter, so 0.5 of 200 is exactly 100.
      assertThat(statuses).filteredOn(s -> s == 503).hasSize(100);
      assertThat(statuses.subList(0, 4)).containsExactly(200, 503, 200, 503);

      a1.respondWith(500, 0.25);
      int errors = 0;
      for (int i = 0; i < 200; i++) {
        errors += connection.exchange("GET", "/").status() == 500 ? 1 : 0;
      }
      assertThat(errors).isEqualTo(50);
    }

    // The same share seen from a plain JDK client (its own connections, counter carried on).
    a1.respondWith(503, 0.5);
    int unavailable = 0;
    for (int i = 0; i < 40; i++) {
      unavailable += send(a1, "GET", "/").statusCode() == 503 ? 1 : 0;
    }
    assertThat(unavailable).as("503s of 40 JDK-client GETs at fraction 0.5").isEqualTo(20);
  }

  @Test
  void healthStatusSwitchesApartFromTrafficAndHealthChecksAreCountedApart() throws Exception {
    a1.healthStatus(503).latency(Duration.ofSeconds(30)).respondWith(500);

    long start = System.nanoTime();
    HttpResponse<String> health = send(a1, "GET", "/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("a1");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);

    a1.clearFaults();
    assertThat(send(a1, "GET", "/health?probe=1").statusCode()).isEqualTo(200);
    send(a1, "GET", "/");

    assertThat(a1.healthCheckCount()).isEqualTo(2);
    assertThat(a1.requestCount()).isEqualTo(1);
    assertThat(a1.requestLog())
        .extracting(HttpInstanceRequest::healthCheck)
        .containsExactly(true, true, false);
  }

  @Test
  void hangAcceptsRequestsAndNeverAnswersThem() throws Exception {
    a1.hang(true);

    assertThatThrownBy(() -> client.send(request(a1, "GET", "/", 300), bodyAsString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThatThrownBy(() -> client.send(request(a1, "GET", "/health", 300), bodyAsString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(a1.requestLog())
        .extracting(HttpInstanceRequest::status)
        .containsExactly(HttpInstanceRequest.NO_RESPONSE, HttpInstanceRequest.NO_RESPONSE);

    a1.hang(false);
    assertThat(send(a1, "GET", "/").statusCode()).isEqualTo(200);
  }

  @Test
  void resetClosesTheConnectionWithATcpReset() throws Exception {
    a1.reset(true);

    try (RawHttpConnection connection = new RawHttpConnection(a1)) {
      connection.send("GET", "/");
      assertThatThrownBy(connection::readByte)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    assertThatThrownBy(() -> client.send(request(a1, "GET", "/", 15_000), bodyAsString()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(a1.requestLog())
        .extracting(HttpInstanceRequest::status)
        .containsOnly(HttpInstanceRequest.NO_RESPONSE);
  }

  @Test
  void countsRequestsByMethodAndSinceAMark() throws Exception {
    send(a1, "GET", "/");
    send(a1, "GET", "/");
    send(a1, "POST", "/");
    send(a1, "DELETE", "/");
    a1.mark();
    send(a1, "PUT", "/");
    send(a1, "GET", "/");
    send(a1, "GET", "/health");

    assertThat(a1.requestCount()).isEqualTo(6);
    assertThat(a1.requestCount("GET")).isEqualTo(3);
    assertThat(a1.requestCount("POST")).isEqualTo(1);
    assertThat(a1.requestCount("PATCH")).isZero();
    assertThat(a1.countSinceMark()).isEqualTo(2);
    assertThat(a1.healthCheckCount()).isEqualTo(1);
    assertThat(a2.requestCount()).isZero();
    assertThat(farm.totalRequests()).isEqualTo(6);

    farm.resetCounters();
    assertThat(farm.totalRequests()).isZero();
    assertThat(a1.requestCount("GET")).isZero();
    assertThat(a1.countSinceMark()).isZero();
    assertThat(a1.healthCheckCount()).isZero();
    assertThat(a1.requestLog()).isEmpty();
  }

  @Test
  void logsEachRequestWithMethodPathStatusAndConnection() throws Exception {
    a1.respondWith(502, 0.5);
    long before = System.nanoTime();
    try (RawHttpConnection first = new RawHttpConnection(a1);
        RawHttpConnection second = new RawHttpConnection(a1)) {
      first.exchange("GET", "/one");
      first.exchange("POST", "/two?q=1");
      second.exchange("GET", "/health");
    }

    List<HttpInstanceRequest> log = a1.requestLog();
    assertThat(log).extracting(HttpInstanceRequest::method).containsExactly("GET", "POST", "GET");
    assertThat(log)
        .extracting(HttpInstanceRequest::path)
        .containsExactly("/one", "/two?q=1", "/health");
    assertThat(log).extracting(HttpInstanceRequest::status).containsExactly(200, 502, 200);
    assertThat(log).extracting(HttpInstanceRequest::sequence).containsExactly(0L, 1L, 2L);
    assertThat(log.get(0).connectionId()).isEqualTo(log.get(1).connectionId());
    assertThat(log.get(2).connectionId()).isNotEqualTo(log.get(0).connectionId());
    assertThat(log.get(0).timestampNanos()).isGreaterThanOrEqualTo(before);
    assertThat(log.get(1).timestampNanos()).isGreaterThanOrEqualTo(log.get(0).timestampNanos());
  }

  @Test
  void countsOpenServerSideConnectionsUntilTheClientCloses() throws Exception {
    // Its own farm: the shared client keeps idle connections to the class's farm open.
    try (HttpInstanceFarm own = HttpInstanceFarm.builder().instances(1).build()) {
      HttpInstance i1 = own.instance("i1");
      assertThat(i1.activeConnections()).isZero();
      RawHttpConnection first = new RawHttpConnection(i1);
      RawHttpConnection second = new RawHttpConnection(i1);
      first.exchange("GET", "/");
      second.exchange("GET", "/");
      assertThat(i1.activeConnections()).isEqualTo(2);

      first.close();
      awaitUntil(() -> i1.activeConnections() == 1, Duration.ofSeconds(5));
      second.close();
      awaitUntil(() -> i1.activeConnections() == 0, Duration.ofSeconds(5));
    }
  }

  private static HttpResponse<String> send(HttpInstance instance, String method, String path)
      throws IOException, InterruptedException {
    return client.send(request(instance, method, path, 5_000), bodyAsString());
  }

  private static HttpRequest request(
      HttpInstance instance, String method, String path, long timeoutMillis) {
    return HttpRequest.newBuilder(instance.uri().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofMillis(timeoutMillis))
        .build();
  }

  private static HttpResponse.BodyHandler<String> bodyAsString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(5);
    }
  }
}
