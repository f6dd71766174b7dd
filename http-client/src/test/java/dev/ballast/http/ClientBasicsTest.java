package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static dev.ballast.http.TestSupport.clientThreads;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientBasicsTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("basics").instances(3));

  @AfterEach
  void everyClientClosedItsConnections() {
    // Each test closes its client: any connection still open on the servers is a leak.
    awaitNoServerConnections(farm);
  }

  @Test
  void getReturnsBodyHeadersEndpointAndAttempts() {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(service("echo", farm))) {
      ServiceResponse r =
          client.send(ServiceRequest.get("echo", "/hello?x=1").header("X-Test", "yes").build());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsString()).isEqualTo(r.header("X-Instance").orElseThrow());
      assertThat(r.header("x-method")).contains("GET");
      assertThat(r.headers()).containsKey("x-INSTANCE");
      assertThat(r.attempts()).isEqualTo(1);
      HttpInstance answered = farm.instance(r.bodyAsString());
      assertThat(r.endpoint().port()).isEqualTo(answered.port());
      assertThat(r.endpoint().id()).isEqualTo("127.0.0.1:" + answered.port());
      HttpInstanceRequest logged = answered.requestLog().get(0);
      assertThat(logged.path()).isEqualTo("/hello?x=1");
    }
  }

  @Test
  void everyMethodReachesTheServer() {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(service("echo", farm))) {
      List<ServiceRequest> requests =
          List.of(
              ServiceRequest.get("echo", "/m").build(),
              ServiceRequest.post("echo", "/m").body("{\"a\":1}").build(),
              ServiceRequest.put("echo", "/m").body(new byte[] {1, 2, 3}).build(),
              ServiceRequest.delete("echo", "/m").build(),
              ServiceRequest.head("echo", "/m").build(),
              ServiceRequest.builder("patch", "echo", "/m").body("x").build());
      for (ServiceRequest req : requests) {
        ServiceResponse r = client.send(req);
        assertThat(r.statusCode()).as(req.toString()).isEqualTo(200);
        assertThat(r.header("X-Method")).as(req.toString()).contains(req.method());
        if (req.method().equals("HEAD")) {
          assertThat(r.body()).isEmpty();
        }
      }
      for (String m : List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH")) {
        assertThat(farm.instances().stream().mapToLong(i -> i.requestCount(m)).sum())
            .as(m)
            .isEqualTo(1);
      }
    }
  }

  @Test
  void sendAsyncCompletesManyCallsConcurrently() throws Exception {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(service("echo", farm))) {
      List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        futures.add(client.sendAsync(ServiceRequest.get("echo", "/async/" + i).build()));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(30, TimeUnit.SECONDS);
      assertThat(futures).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
      assertThat(farm.farm().totalRequests()).isEqualTo(100);
    }
  }

  @Test
  void perRequestTimeoutBoundsTheWholeCall() {
    farm.instances().forEach(i -> i.hang(true));
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service("echo", farm, "ballast.http.services.echo.request-timeout", "30s"))) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  client.send(
                      ServiceRequest.get("echo", "/slow").timeout(Duration.ofMillis(300)).build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageStartingWith(
              "GET /slow on service 'echo' failed: no response after 1 attempt\n" + "  attempt 1: ")
          .hasMessageContaining("timed out: call-timeout 300ms reached")
          .hasMessageContaining("\n  stopped: call-timeout 300ms elapsed\n")
          .satisfies(
              e ->
                  assertThat(e.getStackTrace())
                      .as("the caller's stack, not the event loop's")
                      .anyMatch(
                          f -> f.getMethodName().contains("perRequestTimeoutBoundsTheWholeCall")));
      // Far below the 30 s request timeout, which is not what ended the call.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void recordsCallsInTheMeterRegistryAndRemovesMetersOnClose() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client = BallastHttpClient.fromProperties(service("echo", farm), registry);
    for (int i = 0; i < 50; i++) {
      client.send(ServiceRequest.get("echo", "/metered/" + i).build());
    }
    assertThat(registry.get("ballast.http.client.requests").tag("service", "echo").timer().count())
        .isEqualTo(50);
    assertThat(
            registry
                .get("ballast.http.client.requests")
                .tags("method", "GET", "status", "200", "outcome", "SUCCESS", "zone", "remote")
                .timer()
                .count())
        .isEqualTo(50);
    assertThat(registry.get("ballast.lb.endpoints").tag("state", "healthy").gauge().value())
        .isEqualTo(3.0);
    assertThat(registry.get("ballast.http.retries").tag("service", "echo").counter().count())
        .isZero();

    farm.instance("i1").respondWith(503);
    int retries = 0;
    for (int i = 0; i < 20; i++) {
      ServiceResponse r = client.send(ServiceRequest.get("echo", "/retried/" + i).build());
      assertThat(r.statusCode()).isEqualTo(200);
      retries += r.attempts() - 1;
    }
    assertThat(registry.get("ballast.http.retries").tag("service", "echo").counter().count())
        .isEqualTo(retries);
    assertThat(registry.get("ballast.http.client.requests").tag("service", "echo").timer().count())
        .isEqualTo(70);
    client.close();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void closeReleasesThreadsAndEveryServerConnection() {
    Set<Thread> nonDaemonBefore = nonDaemonThreads();
    BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service(
                "echo",
                farm,
                "ballast.http.services.echo.health-check.path",
                "/health",
                "ballast.http.services.echo.health-check.interval",
                "100ms"));
    List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      futures.add(client.sendAsync(ServiceRequest.get("echo", "/leak/" + i).build()));
    }
    futures.forEach(CompletableFuture::join);
    await().atMost(Duration.ofSeconds(15)).until(() -> farm.instance("i1").healthCheckCount() > 0);
    assertThat(clientThreads()).isNotEmpty();
    assertThat(farm.instances().stream().mapToInt(HttpInstance::activeConnections).sum())
        .isPositive();

    client.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> TestSupport.CLIENT_THREAD.matcher(t.getName()).matches())
        .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    await().atMost(Duration.ofSeconds(15)).until(() -> clientThreads().isEmpty());
    // Netty's globalEventExecutor thread is not a daemon but ends itself after a quiet second.
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(nonDaemonThreads())
                    .as("non-daemon threads left behind")
                    .isSubsetOf(nonDaemonBefore));
    awaitNoServerConnections(farm);
  }

  /** Live non-daemon threads that Ballast or Netty could have started. */
  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .filter(
            t -> t.getName().matches("(?i).*(ballast|netty|eventexecutor|eventloop|epoll|nio).*"))
        .collect(Collectors.toSet());
  }

  @Test
  void rejectsUnknownServicesAndUseAfterClose() {
    BallastHttpClient client =
        BallastHttpClient.builder()
            .service("echo", List.of(Endpoint.of("127.0.0.1", farm.instance("i1").port())))
            .eventLoopThreads(1)
            .build();
    assertThatThrownBy(() -> client.send(ServiceRequest.get("nope", "/").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service: nope (expected: one of [echo])");
    assertThat(client.send(ServiceRequest.get("echo", "/").build()).bodyAsString()).isEqualTo("i1");
    client.close();
    client.close();
    assertThatThrownBy(() -> client.send(ServiceRequest.get("echo", "/").build()))
        .isInstanceOf(BallastHttpException.class)
        .hasMessage(
            "GET / on service 'echo' rejected: client closed (BallastHttpClient[echo] accepts no"
                + " new calls once close() has begun)");
  }

  @Test
  void serviceWithoutEndpointsThrowsNoAvailableEndpoint() {
    DynamicEndpointSource source = EndpointSource.dynamic();
    try (BallastHttpClient client =
        BallastHttpClient.builder()
            .service("empty", source, HttpServiceConfig.defaults())
            .zone("a")
            .build()) {
      assertThatThrownBy(() -> client.send(ServiceRequest.delete("empty", "/x").build()))
          .isInstanceOf(NoAvailableEndpointException.class)
          .hasMessage(
              "DELETE /x on service 'empty' failed: no endpoint available (service 'empty' has no"
                  + " endpoints)\n"
                  + "  balancer: service 'empty' (local zone 'a'): no endpoints");
      source.update(List.of(Endpoint.of("127.0.0.1", farm.instance("i2").port())));
      // The balancer applies the set on the client's control thread: wait for it, not a sleep.
      client.loadBalancer("empty").flush().join();
      assertThat(client.send(ServiceRequest.delete("empty", "/x").build()).bodyAsString())
          .isEqualTo("i2");
    }
  }

  @Test
  void cancellingAFutureClosesItsConnection() {
    cancelClosesTheConnection(f -> f.cancel(true));
  }

  @Test
  void completingAFutureWithACancellationClosesItsConnectionToo() {
    cancelClosesTheConnection(f -> f.completeExceptionally(new CancellationException("by hand")));
  }

  private void cancelClosesTheConnection(Consumer<CompletableFuture<ServiceResponse>> cancel) {
    farm.instances().forEach(i -> i.hang(true));
    // A request timeout far above the waits below, so that only the cancellation can end the call.
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service("echo", farm, "ballast.http.services.echo.request-timeout", "60s"))) {
      CompletableFuture<ServiceResponse> f =
          client.sendAsync(ServiceRequest.get("echo", "/hang").build());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> farm.instances().stream().mapToLong(HttpInstance::requestCount).sum() == 1);
      cancel.accept(f);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(farm.instances())
                    .allSatisfy(i -> assertThat(i.activeConnections()).isZero());
                assertThat(client.loadBalancer("echo").endpoints())
                    .allSatisfy(s -> assertThat(s.inFlight()).isZero());
              });
    }
  }
}
