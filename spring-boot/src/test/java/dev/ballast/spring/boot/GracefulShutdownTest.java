package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.spring.boot.shutdown.ProxyApp;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing a web application whose requests and background work are waiting on a slow upstream: the
 * web server's graceful wait is cut short on purpose ({@code
 * spring.lifecycle.timeout-per-shutdown-phase=250ms}) while each upstream call takes 1.5 s, so
 * requests still being served survive only if Ballast drains their calls before the web server
 * stops. Every call in flight completes, the first call after the drain began is rejected with a
 * clear message, and no thread or connection of Ballast is left.
 */
class GracefulShutdownTest {
  private static final Duration UPSTREAM_LATENCY = Duration.ofMillis(1500);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().instances(2));

  @Test
  void callsInFlightCompleteBeforeTheWebServerStopsAndLaterCallsAreRejected() throws Exception {
    farm.instances().forEach(i -> i.latency(UPSTREAM_LATENCY));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ProxyApp.class)
            .properties(
                "server.port=0",
                "spring.lifecycle.timeout-per-shutdown-phase=250ms",
                "ballast.http.services.orders.endpoints=" + farm.farm().endpointSpecs(),
                "ballast.http.shutdown-drain-timeout=" + DRAIN_TIMEOUT.toSeconds() + "s")
            .run();
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    BallastHttpClient ballast = context.getBean(BallastHttpClient.class);
    Set<String> ids = farm.instances().stream().map(HttpInstance::id).collect(Collectors.toSet());

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<CompletableFuture<HttpResponse<String>>> served = new ArrayList<>();
    List<CompletableFuture<ServiceResponse>> background = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      served.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/proxy")).build(),
              HttpResponse.BodyHandlers.ofString()));
      background.add(ballast.sendAsync(ServiceRequest.get("orders", "/background").build()));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> farm.farm().totalRequests() == 8);

    List<String> clientThreadsSeen = clientThreads();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

    // Calls go on being accepted until the drain begins; each accepted one must complete too.
    BallastHttpException rejected = null;
    for (int i = 0; i < 400 && rejected == null; i++) {
      CompletableFuture<ServiceResponse> call =
          ballast.sendAsync(ServiceRequest.get("orders", "/late").build());
      if (call.isCompletedExceptionally()) {
        rejected = (BallastHttpException) causeOf(call);
      } else {
        background.add(call);
        TimeUnit.MILLISECONDS.sleep(25);
      }
    }
    assertThat(rejected).isNotNull();
    assertThat(rejected.getMessage())
        .startsWith("GET /late on service 'orders' rejected: client closed");

    closing.get(DRAIN_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);

    for (CompletableFuture<HttpResponse<String>> f : served) {
      HttpResponse<String> r = f.get(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(ids).contains(r.body());
    }
    // A call still running when the drain timeout ends fails ("client closed before the response
    // arrived"), so every call answered 200 means every one ended within the drain timeout.
    for (CompletableFuture<ServiceResponse> f : background) {
      ServiceResponse r = f.get(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
    }

    assertThat(clientThreadsSeen).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(clientThreads()).isEmpty();
              assertThat(farm.instances())
                  .allSatisfy(i -> assertThat(i.activeConnections()).isZero());
            });
  }

  private static Throwable causeOf(CompletableFuture<?> failed) {
    try {
      failed.get();
      throw new AssertionError("expected a failed future");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The client's event loops, {@code ballast-http-<n>-<k>} (the farm's are {@code -farm-}). */
  private static List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.matches("ballast-http-\\d+-\\d+"))
        .toList();
  }
}
