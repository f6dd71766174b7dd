package dev.ballast.http;

import static dev.ballast.http.TestSupport.awaitNoServerConnections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.Endpoint;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking {@code send} against a real local server: the caller thread waits without a future
 * and accounts for its call itself once woken, so everything the call owes (meter, bulkhead place,
 * the client's count of calls in flight) must be settled before {@code send} returns or throws, and
 * an interrupt must abandon the call as cancelling {@code sendAsync}'s future does.
 */
class BlockingSendTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("blocking").instances(1));

  @AfterEach
  void noFaultsAndNoConnectionsLeft() {
    farm.instance("i1").clearFaults();
    awaitNoServerConnections(farm);
  }

  private static BallastHttpClient.Builder client(HttpServiceConfig config) {
    HttpInstance i1 = farm.instance("i1");
    return BallastHttpClient.builder()
        .service("svc", List.of(Endpoint.of(i1.host(), i1.port())), config);
  }

  @Test
  void everySendIsAccountedBeforeItReturns() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // A bulkhead of one with no wait: a place still held by the previous call fails the next one.
    HttpServiceConfig config =
        HttpServiceConfig.builder()
            .bulkheadMaxConcurrentCalls(1)
            .bulkheadMaxWait(Duration.ZERO)
            .build();
    try (BallastHttpClient client = client(config).meterRegistry(registry).build()) {
      ServiceRequest get = ServiceRequest.get("svc", "/a").build();
      for (int i = 1; i <= 200; i++) {
        assertThat(client.send(get).statusCode()).isEqualTo(200);
        // No await: the meter is recorded by the time send() returns.
        assertThat(registry.get("ballast.http.client.requests").timer().count()).isEqualTo(i);
      }
    }
  }

  @Test
  void aFailedSendIsAccountedAndThrownWithTheCallersStack() {
    farm.instance("i1").hang(true);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpServiceConfig config =
        HttpServiceConfig.builder()
            .requestTimeout(Duration.ofMillis(200))
            .bulkheadMaxConcurrentCalls(1)
            .bulkheadMaxWait(Duration.ZERO)
            .build();
    try (BallastHttpClient client = client(config).meterRegistry(registry).build()) {
      for (int i = 1; i <= 2; i++) {
        BallastHttpException e = null;
        try {
          client.send(ServiceRequest.get("svc", "/hung").build());
        } catch (BallastHttpException thrown) {
          e = thrown;
        }
        assertThat(e).isNotNull();
        // The second call found the bulkhead's place free: it timed out, it was not rejected.
        assertThat(e.getMessage())
            .startsWith("GET /hung on service 'svc' failed")
            .contains("timed out after 200ms (request-timeout)")
            .doesNotContain("rejected");
        assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
            .contains(BlockingSendTest.class.getName());
        assertThat(registry.get("ballast.http.client.requests").timer().count()).isEqualTo(i);
      }
    }
  }

  @Test
  void anInterruptedSendAbandonsItsCallAndKeepsTheInterrupt() throws Exception {
    HttpInstance i1 = farm.instance("i1");
    i1.hang(true);
    HttpServiceConfig config =
        HttpServiceConfig.builder().requestTimeout(Duration.ofSeconds(60)).build();
    BallastHttpClient client = client(config).build();
    ServiceRequest request = ServiceRequest.get("svc", "/hung").build();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.send(request);
                thrown.completeExceptionally(new AssertionError("send returned"));
              } catch (RuntimeException e) {
                thrown.complete(e);
              } finally {
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
              }
            },
            "blocked-caller");
    caller.start();
    await().atMost(Duration.ofSeconds(15)).until(() -> i1.requestCount() == 1);
    caller.interrupt();

    Throwable t = thrown.get(15, TimeUnit.SECONDS);
    assertThat(t).isInstanceOf(BallastHttpException.class).hasMessage(request + ": interrupted");
    assertThat(t.getCause()).isInstanceOf(InterruptedException.class);
    assertThat(stillInterrupted.get(15, TimeUnit.SECONDS)).isTrue();
    // Abandoned, not left hanging: its connection is closed and its pick released at once, far
    // before the 60 s request timeout.
    await().atMost(Duration.ofSeconds(15)).until(() -> client.openConnections() == 0);
    assertThat(client.loadBalancer("svc").endpoints())
        .allSatisfy(s -> assertThat(s.inFlight()).isZero());
    // The call left the client's calls in flight: a drain of 60 s has nothing to wait for.
    long start = System.nanoTime();
    client.close(Duration.ofSeconds(60));
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
  }
}
