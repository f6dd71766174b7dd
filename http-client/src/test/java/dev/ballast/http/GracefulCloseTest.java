package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static dev.ballast.http.TestSupport.clientThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.Endpoint;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code close(Duration)} against real local servers: calls in flight finish within the drain, hung
 * ones fail with a clear error after it, new calls fail at once, and nothing is left running.
 */
class GracefulCloseTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("drain").instances(2));

  private static HttpInstance slow;
  private static HttpInstance hung;

  @BeforeAll
  static void findInstances() {
    slow = farm.instance("i1");
    hung = farm.instance("i2");
  }

  @AfterEach
  void nothingLeftRunning() {
    await().atMost(Duration.ofSeconds(15)).until(() -> clientThreads().isEmpty());
    awaitNoServerConnections(farm);
  }

  /** Services "slow" (instance i1) and "hung" (i2), each a single endpoint, no retries. */
  private static BallastHttpClient.Builder twoServices() {
    HttpServiceConfig config =
        HttpServiceConfig.builder().requestTimeout(Duration.ofSeconds(30)).build();
    return BallastHttpClient.builder()
        .service("slow", List.of(Endpoint.of(slow.host(), slow.port())), config)
        .service("hung", List.of(Endpoint.of(hung.host(), hung.port())), config)
        .eventLoopThreads(2);
  }

  private static List<CompletableFuture<ServiceResponse>> send(
      BallastHttpClient client, String service, int n) {
    List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(client.sendAsync(ServiceRequest.get(service, "/" + service + "/" + i).build()));
    }
    return futures;
  }

  private static Throwable failureOf(CompletableFuture<ServiceResponse> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.get();
      throw new AssertionError("not failed: " + f);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void slowCallsFinishWithinTheDrainAndHungOnesFailClearlyAfterIt() throws Exception {
    slow.latency(Duration.ofMillis(400));
    hung.hang(true);
    BallastHttpClient client = twoServices().build();
    List<CompletableFuture<ServiceResponse>> slowCalls = send(client, "slow", 8);
    List<CompletableFuture<ServiceResponse>> hungCalls = send(client, "hung", 3);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> slow.requestCount() == 8 && hung.requestCount() == 3);

    long start = System.nanoTime();
    // 5 s: the 400 ms calls end within the drain even if the machine stalls for seconds.
    client.close(Duration.ofSeconds(5));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(slowCalls)
        .allSatisfy(f -> assertThat(f).isCompletedWithValueMatching(r -> r.statusCode() == 200));
    for (int i = 0; i < hungCalls.size(); i++) {
      Throwable t = failureOf(hungCalls.get(i));
      assertThat(t)
          .isInstanceOf(BallastHttpException.class)
          .hasMessage(
              "GET /hung/"
                  + i
                  + " on service 'hung' failed: client closed before the response arrived (drain"
                  + " timeout 5s elapsed)\n"
                  + "  attempt 1: "
                  + hung.host()
                  + ":"
                  + hung.port()
                  + ": no response yet");
      assertThat(((BallastHttpException) t).service()).isEqualTo("hung");
    }
    // The drain ran to its end for the hung calls, and not much longer.
    assertThat(tookMillis).isBetween(4900L, 5000L + 10_000L);
    // The abandoned exchanges released their picks.
    assertThat(client.loadBalancer("hung").endpoints())
        .allSatisfy(s -> assertThat(s.inFlight()).isZero());
  }

  @Test
  void newCallsFailAtOnceWhileDrainingAndCloseReturnsWhenTheLastCallEnds() throws Exception {
    // 10 s: the first call is still in flight when the rejections are checked, even after a
    // stall of several seconds; the drain timeout is far above both.
    slow.latency(Duration.ofSeconds(10));
    BallastHttpClient client =
        BallastHttpClient.fromProperties(
            TestSupport.props(
                "ballast.http.services.slow.endpoints",
                slow.endpointSpec(),
                "ballast.http.services.slow.request-timeout",
                "60s",
                "ballast.http.shutdown-drain-timeout",
                "60s"));
    CompletableFuture<ServiceResponse> inFlight =
        client.sendAsync(ServiceRequest.get("slow", "/first").build());
    await().atMost(Duration.ofSeconds(15)).until(() -> slow.requestCount() == 1);
    // Only the first call is slow: the calls made before close() began end at once, so however
    // many a stall lets through, close() waits for the first one alone.
    slow.latency(Duration.ZERO);

    long start = System.nanoTime();
    Thread closer = new Thread(client::close, "closer");
    closer.start();
    ServiceRequest late = ServiceRequest.get("slow", "/late").build();
    // Calls made before close() began are accepted; wait for the rejections.
    List<CompletableFuture<ServiceResponse>> beforeClose = new ArrayList<>();
    CompletableFuture<ServiceResponse> rejected = null;
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (int i = 0; i < 500 && rejected == null && System.nanoTime() < giveUp; i++) {
      CompletableFuture<ServiceResponse> f = client.sendAsync(late);
      // A call accepted before close() may already have its answer (the instance is fast now);
      // only a call that failed at once is a rejection.
      if (f.isCompletedExceptionally()) {
        rejected = f;
      } else {
        beforeClose.add(f);
        Thread.sleep(10);
      }
    }
    assertThat(rejected).as("a call rejected within 5 s of close()").isNotNull();
    assertThat(closer.isAlive()).as("close() still draining").isTrue();
    assertThat(inFlight).isNotDone();
    String message =
        "GET /late on service 'slow' rejected: client closed (BallastHttpClient[slow] accepts no"
            + " new calls once close() has begun)";
    assertThat(failureOf(rejected)).isInstanceOf(BallastHttpException.class).hasMessage(message);
    long failFast = System.nanoTime();
    assertThatThrownBy(() -> client.send(late))
        .isInstanceOf(BallastHttpException.class)
        .hasMessage(message);
    // Far below the 10 s that waiting for the call in flight would take.
    assertThat(System.nanoTime() - failFast).isLessThan(TimeUnit.SECONDS.toNanos(3));

    closer.join(TimeUnit.SECONDS.toMillis(40));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(closer.isAlive()).isFalse();
    assertThat(inFlight).isCompletedWithValueMatching(r -> r.statusCode() == 200);
    assertThat(beforeClose)
        .allSatisfy(f -> assertThat(f).isCompletedWithValueMatching(r -> r.statusCode() == 200));
    // Returned once the first call ended (10 s after it was sent), far before the 60 s drain
    // timeout.
    assertThat(tookMillis).isLessThan(30_000L);
    // Idempotent, and a second close() with another timeout changes nothing.
    client.close(Duration.ofSeconds(1));
    client.close();
  }

  @Test
  void plainCloseFailsCallsInFlightAtOnceByDefault() {
    hung.hang(true);
    BallastHttpClient client = twoServices().build();
    CompletableFuture<ServiceResponse> f =
        client.sendAsync(ServiceRequest.get("hung", "/x").build());
    await().atMost(Duration.ofSeconds(15)).until(() -> hung.requestCount() == 1);

    long start = System.nanoTime();
    client.close();

    // Well below the 30 s request timeout that waiting for the hung call would take.
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
    assertThat(failureOf(f))
        .isInstanceOf(BallastHttpException.class)
        .hasMessageStartingWith(
            "GET /x on service 'hung' failed: client closed before the response arrived (closed"
                + " without a drain)\n  attempt 1: ");
  }

  @Test
  void closingInAFuturesCallbackNeitherBlocksNorLeaks() throws Exception {
    // 5 s: the callback is attached before the response arrives, so it runs on the event loop,
    // even if this thread stalls between sendAsync and thenApply.
    slow.latency(Duration.ofSeconds(5));
    hung.hang(true);
    BallastHttpClient client = twoServices().build();
    CompletableFuture<ServiceResponse> stuck =
        client.sendAsync(ServiceRequest.get("hung", "/stuck").build());
    await().atMost(Duration.ofSeconds(15)).until(() -> hung.requestCount() == 1);
    CompletableFuture<String> closedOnLoop =
        client
            .sendAsync(ServiceRequest.get("slow", "/then-close").build())
            .thenApply(
                r -> {
                  client.close(Duration.ofSeconds(30));
                  return Thread.currentThread().getName();
                });

    // Both well below the 30 s drain and request timeouts that a blocked close() would wait for.
    assertThat(closedOnLoop.get(20, TimeUnit.SECONDS)).matches(TestSupport.CLIENT_THREAD);
    // An event loop cannot wait for the calls it serves: they fail at once instead.
    await().atMost(Duration.ofSeconds(15)).until(stuck::isDone);
    assertThat(failureOf(stuck))
        .hasMessageStartingWith(
            "GET /stuck on service 'hung' failed: client closed before the response arrived"
                + " (closed on an event-loop thread, which cannot wait for a drain)");
  }

  @Test
  void rejectsANegativeDrainTimeout() {
    try (BallastHttpClient client = twoServices().build()) {
      assertThatThrownBy(() -> client.close(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("drainTimeout: PT-0.001S (expected: zero or a positive duration)");
    }
    assertThatThrownBy(
            () -> BallastHttpClient.builder().shutdownDrainTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shutdownDrainTimeout: PT-1S (expected: zero or a positive duration)");
  }
}
