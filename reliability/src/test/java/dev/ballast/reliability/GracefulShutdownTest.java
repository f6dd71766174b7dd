package dev.ballast.reliability;

import static dev.ballast.reliability.Waits.measure;
import static dev.ballast.reliability.Waits.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.EndpointSource;
import dev.ballast.reliability.internal.FarmEndpoints;
import dev.ballast.reliability.internal.ThreadCensus;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3, graceful client shutdown: {@code close(drainTimeout)} while calls are in flight. New
 * calls are rejected at once with a {@link BallastHttpException} saying the client closed; every
 * call in flight must end by the time {@code close} returns — none may hang or vanish — and a call
 * that can finish within the drain must finish with its response, not an error. No client thread or
 * connection may outlive {@code close()}.
 */
class GracefulShutdownTest {
  private static final String SERVICE = "ledger";
  private static final Pattern CLIENT_THREADS = Pattern.compile("ballast-http-\\d+-\\d+");
  private static final Duration DRAIN = Duration.ofSeconds(5);

  @Test
  void closeDrainsEveryCallInFlightAndLeavesNoThreadOrConnection() throws Exception {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().name("shutdown").instances(3).zones("a", "b", "c").build()) {
      // Slow enough that every call is still in flight when close() comes.
      farm.instances().forEach(i -> i.latency(ms(300), ms(600)));
      ThreadCensus before = ThreadCensus.take();
      BallastHttpClient client = client(farm);
      List<CompletableFuture<ServiceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        futures.add(client.sendAsync(ServiceRequest.get(SERVICE, "/slow/" + i).build()));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> farm.totalRequests() >= 60);

      long closeStart = System.nanoTime();
      client.close(DRAIN);
      long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;

      // Every future is complete the moment close() returns: none silently lost.
      int lost = 0;
      int answered = 0;
      int closedErrors = 0;
      List<String> other = new ArrayList<>();
      for (CompletableFuture<ServiceResponse> f : futures) {
        if (!f.isDone()) {
          lost++;
          continue;
        }
        try {
          ServiceResponse r = f.get(0, TimeUnit.SECONDS);
          if (r.statusCode() == 200) {
            answered++;
          } else {
            other.add("HTTP " + r.statusCode());
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof BallastHttpException b
              && b.getMessage().contains("client closed")) {
            closedErrors++;
          } else {
            other.add(String.valueOf(e.getCause()));
          }
        } catch (TimeoutException e) {
          lost++;
        }
      }
      Figures.record(
          "graceful shutdown",
          "close(5s drain) with 60 calls of 300-600 ms in flight took",
          "%d ms",
          closeMillis);
      Figures.record(
          "graceful shutdown",
          "calls in flight at close(5s drain)",
          "%d answered, %d failed with 'client closed', %d other, %d lost",
          answered,
          closedErrors,
          other.size(),
          lost);
      assertThat(lost).as("calls still pending when close() returned").isZero();
      assertThat(other).isEmpty();
      // Each call needs at most 600 ms: all finish within the 5 s drain, so none may fail.
      assertThat(closedErrors).as("calls failed although they could finish in the drain").isZero();
      assertThat(answered).isEqualTo(60);
      assertThat(closeMillis).isLessThan(DRAIN.toMillis());
      CompletableFuture<ServiceResponse> late =
          client.sendAsync(ServiceRequest.get(SERVICE, "/late").build());
      assertThat(late).isCompletedExceptionally();
      assertThatThrownBy(late::join)
          .hasCauseInstanceOf(BallastHttpException.class)
          .hasMessageContaining("GET /late on service 'ledger' rejected: client closed");

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(ThreadCensus.alive(CLIENT_THREADS)).isEmpty());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(farm.instances())
                      .allSatisfy(i -> assertThat(i.activeConnections()).isZero()));
      assertThat(before.newThreadsSince()).isEmpty();
    }
  }

  @Test
  void callersRacingADrainingCloseGetTheirAnswersAndThenAClearRejection() throws Exception {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder()
            .name("shutdown-race")
            .instances(3)
            .zones("a", "b", "c")
            .build()) {
      farm.instances().forEach(i -> i.latency(ms(1), ms(20)));
      BallastHttpClient client = client(farm);
      AtomicLong started = new AtomicLong();
      AtomicLong answered = new AtomicLong();
      AtomicLong closedInFlight = new AtomicLong();
      AtomicLong rejectedAtEntry = new AtomicLong();
      ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int caller = t;
        Thread thread =
            new Thread(
                () -> {
                  // Bounded: at most 5 000 calls or 20 s per caller; close() ends it far earlier.
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                  for (int i = 0; i < 5_000 && System.nanoTime() < deadline; i++) {
                    started.incrementAndGet();
                    try {
                      client.send(ServiceRequest.get(SERVICE, "/c" + caller + "/" + i).build());
                      answered.incrementAndGet();
                    } catch (BallastHttpException e) {
                      String m = String.valueOf(e.getMessage());
                      if (m.contains("rejected: client closed")) {
                        rejectedAtEntry.incrementAndGet();
                        return;
                      } else if (m.contains("client closed")) {
                        closedInFlight.incrementAndGet();
                      } else {
                        other.add(e.toString());
                      }
                    } catch (RuntimeException e) {
                      other.add(e.toString());
                    }
                  }
                },
                "racing-caller-" + t);
        callers.add(thread);
      }
      callers.forEach(Thread::start);
      measure(ms(1500));
      client.close(DRAIN);
      for (Thread t : callers) {
        t.join(10_000);
      }
      Figures.record(
          "graceful shutdown",
          "6 callers racing close(5s drain)",
          "%d answered, %d failed in flight with 'client closed', %d rejected at entry",
          answered.get(),
          closedInFlight.get(),
          rejectedAtEntry.get());
      assertThat(callers).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
      assertThat(other).isEmpty();
      assertThat(answered.get()).isPositive();
      // Calls of at most 20 ms all finish within the 5 s drain: none fails, none is lost.
      assertThat(closedInFlight.get()).isZero();
      assertThat(started.get()).isEqualTo(answered.get() + rejectedAtEntry.get());
      assertThat(rejectedAtEntry.get()).isEqualTo(6);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(ThreadCensus.alive(CLIENT_THREADS)).isEmpty());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(
                          farm.instances().stream().mapToInt(HttpInstance::activeConnections).sum())
                      .isZero());
    }
  }

  private static BallastHttpClient client(HttpInstanceFarm farm) {
    return BallastHttpClient.builder()
        .service(
            SERVICE,
            EndpointSource.of(FarmEndpoints.of(farm.instances())),
            HttpServiceConfig.builder().requestTimeout(ms(5000)).build())
        .build();
  }
}
