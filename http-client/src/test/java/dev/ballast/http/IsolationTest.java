package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static dev.ballast.http.TestSupport.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-service isolation against real instances: a bulkhead keeps a hung service from holding more
 * than its limit of callers while another service of the same client keeps answering, and a circuit
 * breaker stops calling a failing service at all, then lets trial calls through.
 */
class IsolationTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension hung =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("hung").instances(2));

  @RegisterExtension
  static final HttpInstanceFarmExtension healthy =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("healthy").instances(2));

  @AfterEach
  void noConnectionLeft() {
    hung.instances().forEach(i -> i.hang(false));
    awaitNoServerConnections(hung);
    awaitNoServerConnections(healthy);
  }

  /** Two services, the hung one behind a bulkhead of 8; {@code overrides} win. */
  private static Properties twoServices(String... overrides) {
    Properties p = new Properties();
    p.setProperty("ballast.http.services.hung.endpoints", hung.endpointSpecs());
    p.setProperty("ballast.http.services.ok.endpoints", healthy.endpointSpecs());
    p.setProperty("ballast.http.services.hung.request-timeout", "60s");
    p.setProperty("ballast.http.services.hung.retry.max-attempts", "1");
    p.setProperty("ballast.http.services.hung.bulkhead.max-concurrent-calls", "8");
    p.putAll(props(overrides));
    return p;
  }

  @Test
  void bulkheadLetsEightCallsReachAHungServiceAndFailsTheOtherCallersAtOnce() throws Exception {
    hung.instances().forEach(i -> i.hang(true));
    BallastHttpClient client = BallastHttpClient.fromProperties(twoServices());
    List<Long> baselineMicros = okLatencies(client, 50);

    int callers = 200;
    CountDownLatch go = new CountDownLatch(1);
    List<Long> rejectedMicros = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  long start = System.nanoTime();
                  try {
                    client.send(ServiceRequest.get("hung", "/slow").build());
                  } catch (BallastHttpException e) {
                    if (e.getMessage().contains("rejected: bulkhead full")) {
                      rejectedMicros.add((System.nanoTime() - start) / 1000);
                    }
                    failures.add(e);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "caller-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }

    // The healthy service is called all the while the 200 callers pile onto the hung one.
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> duringMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicLong okFailures = new AtomicLong();
    Thread okCaller =
        new Thread(
            () -> {
              for (int i = 0; i < 2000 && !stop.get(); i++) {
                long start = System.nanoTime();
                try {
                  if (client.send(ServiceRequest.get("ok", "/fine").build()).statusCode() == 200) {
                    duringMicros.add((System.nanoTime() - start) / 1000);
                  } else {
                    okFailures.incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  okFailures.incrementAndGet();
                }
              }
            },
            "ok-caller");
    okCaller.start();
    go.countDown();

    await().atMost(Duration.ofSeconds(30)).until(() -> failures.size() == callers - 8);
    await().atMost(Duration.ofSeconds(10)).until(() -> hung.farm().totalRequests() == 8);
    List<Long> sinceRejections = new ArrayList<>(duringMicros);
    // Still 8 once every other caller was refused: nothing else reached the network.
    assertThat(hung.farm().totalRequests()).isEqualTo(8);
    assertThat(rejectedMicros).hasSize(callers - 8);
    assertThat(failures)
        .allSatisfy(
            e ->
                assertThat(e)
                    .isInstanceOf(BallastHttpException.class)
                    .hasMessageStartingWith("GET /slow on service 'hung' rejected: bulkhead full")
                    .hasMessageContaining("(bulkhead.max-concurrent-calls 8)"));
    assertThat(((BallastHttpException) failures.get(0)).service()).isEqualTo("hung");

    // The healthy service answered throughout, and goes on answering while 8 calls hang.
    int before = duringMicros.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> duringMicros.size() >= before + 20);
    stop.set(true);
    okCaller.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(okFailures.get()).isZero();
    assertThat(hung.farm().totalRequests()).isEqualTo(8);

    client.close();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(20));
    }
    assertThat(failures).hasSize(callers);
    assertThat(failures.stream().filter(e -> e.getMessage().contains("client closed")))
        .as("the 8 admitted calls, still hanging, ended by close()")
        .hasSize(8);

    // Reported, not asserted: timings on a shared 2-core machine are noise-prone (the goal is
    // < 50 ms per rejection, and the healthy service's latency unchanged).
    System.out.printf(
        "bulkhead: %d rejected callers: p50 %d us, p99 %d us, max %d us (goal < 50 ms each)%n",
        rejectedMicros.size(),
        percentile(rejectedMicros, 50),
        percentile(rejectedMicros, 99),
        percentile(rejectedMicros, 100));
    System.out.printf(
        "healthy service: before p50 %d us p99 %d us; during (%d calls) p50 %d us p99 %d us;"
            + " with 8 calls hung (%d calls) p50 %d us%n",
        percentile(baselineMicros, 50),
        percentile(baselineMicros, 99),
        duringMicros.size(),
        percentile(duringMicros, 50),
        percentile(duringMicros, 99),
        duringMicros.size() - sinceRejections.size(),
        percentile(duringMicros.subList(sinceRejections.size(), duringMicros.size()), 50));
  }

  @Test
  void sendAsyncOnAnEventLoopNeverWaitsForABulkheadPlace() throws Exception {
    hung.instances().forEach(i -> i.hang(true));
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            twoServices(
                "ballast.http.services.hung.bulkhead.max-concurrent-calls", "1",
                "ballast.http.services.hung.bulkhead.max-wait", "30s"))) {
      CompletableFuture<ServiceResponse> holder =
          client.sendAsync(ServiceRequest.get("hung", "/held").build());
      await().atMost(Duration.ofSeconds(10)).until(() -> hung.farm().totalRequests() == 1);
      // Composed on the healthy call's completion: this sendAsync runs on a Ballast event loop,
      // where waiting 30 s for the bulkhead would stall every connection of that loop.
      CompletableFuture<ServiceResponse> onLoop =
          client
              .sendAsync(ServiceRequest.get("ok", "/first").build())
              .thenCompose(r -> client.sendAsync(ServiceRequest.get("hung", "/second").build()));
      assertThatThrownBy(() -> onLoop.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining(
              "rejected: bulkhead full: 1 calls in flight (bulkhead.max-concurrent-calls 1;"
                  + " bulkhead.max-wait 30s not waited: the caller is an event-loop thread)");
      assertThat(hung.farm().totalRequests()).isEqualTo(1);
      assertThat(holder).isNotDone();
    }
  }

  @Test
  void circuitBreakerOpensOnAFailingServiceFailsFastWithoutTheNetworkThenHalfOpens() {
    AtomicLong now = new AtomicLong();
    Properties p =
        props(
            "ballast.http.services.flaky.endpoints", healthy.endpointSpecs(),
            "ballast.http.services.flaky.retry.max-attempts", "1",
            "ballast.http.services.flaky.circuit-breaker.failure-rate-threshold", "50",
            "ballast.http.services.flaky.circuit-breaker.minimum-calls", "20",
            "ballast.http.services.flaky.circuit-breaker.sliding-window", "20",
            "ballast.http.services.flaky.circuit-breaker.wait-in-open", "10s",
            "ballast.http.services.picky.endpoints", hung.endpointSpecs(),
            "ballast.http.services.picky.retry.max-attempts", "1",
            "ballast.http.services.picky.circuit-breaker.failure-rate-threshold", "50",
            "ballast.http.services.picky.circuit-breaker.minimum-calls", "20",
            "ballast.http.services.picky.circuit-breaker.sliding-window", "20");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client =
        BallastHttpClient.builder(p, k -> null).ticker(now::get).meterRegistry(registry).build();
    try {
      // 4xx answers are the caller's problem, not the service's: they never open the breaker.
      hung.instances().forEach(i -> i.respondWith(404));
      for (int i = 0; i < 30; i++) {
        assertThat(client.send(ServiceRequest.get("picky", "/missing").build()).statusCode())
            .isEqualTo(404);
      }
      assertThat(state(registry, "picky", "closed")).isEqualTo(1.0);
      hung.farm().clearFaults();

      healthy.instances().forEach(i -> i.respondWith(503));
      healthy.farm().resetCounters();
      for (int i = 0; i < 20; i++) {
        // A 503 result is returned, as always; the breaker counts it.
        assertThat(client.send(ServiceRequest.get("flaky", "/x").build()).statusCode())
            .isEqualTo(503);
      }
      assertThat(healthy.farm().totalRequests()).isEqualTo(20);
      assertThat(state(registry, "flaky", "open")).isEqualTo(1.0);

      for (int i = 0; i < 50; i++) {
        assertThatThrownBy(() -> client.send(ServiceRequest.get("flaky", "/x").build()))
            .isInstanceOf(BallastHttpException.class)
            .hasMessageStartingWith(
                "GET /x on service 'flaky' rejected: circuit breaker open: 20 of the last 20"
                    + " calls failed (circuit-breaker.failure-rate-threshold 50%,"
                    + " circuit-breaker.wait-in-open 10s)");
      }
      assertThat(healthy.farm().totalRequests()).as("no request reached the farm").isEqualTo(20);
      assertThat(
              registry
                  .get("resilience4j.circuitbreaker.not.permitted.calls")
                  .tag("service", "flaky")
                  .counter()
                  .count())
          .isEqualTo(50);

      now.addAndGet(Duration.ofSeconds(10).toNanos() + 1);
      healthy.farm().clearFaults();
      // Half-open: the trial calls reach the farm; their successes close the breaker.
      for (int i = 0; i < 10; i++) {
        assertThat(client.send(ServiceRequest.get("flaky", "/trial").build()).statusCode())
            .isEqualTo(200);
      }
      assertThat(healthy.farm().totalRequests()).isEqualTo(30);
      assertThat(state(registry, "flaky", "closed")).isEqualTo(1.0);
      assertThat(client.send(ServiceRequest.get("flaky", "/after").build()).statusCode())
          .isEqualTo(200);
    } finally {
      client.close();
      healthy.farm().clearFaults();
    }
    assertThat(registry.getMeters()).as("every meter removed on close").isEmpty();
  }

  private static double state(SimpleMeterRegistry registry, String service, String state) {
    return registry
        .get("resilience4j.circuitbreaker.state")
        .tags("service", service, "state", state)
        .gauge()
        .value();
  }

  private static List<Long> okLatencies(BallastHttpClient client, int calls) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      assertThat(client.send(ServiceRequest.get("ok", "/warm").build()).statusCode())
          .isEqualTo(200);
      micros.add((System.nanoTime() - start) / 1000);
    }
    return micros;
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return -1;
    }
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
