package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.internal.ServiceIsolation.Verdict;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.lang.Thread.State;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The service-wide breaker and bulkhead, driven by a fake ticker: no sleeps, no network. */
class ServiceIsolationTest {
  private static final ServiceRequest GET = ServiceRequest.get("orders", "/o/1").build();
  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // a negative nanoTime is legal
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

  private ServiceIsolation isolation(HttpServiceConfig config) {
    return new ServiceIsolation("orders", config, now::get, breakers, bulkheads, () -> true);
  }

  private static HttpServiceConfig breakerConfig() {
    return HttpServiceConfig.builder()
        .circuitBreakerFailureRateThreshold(50)
        .circuitBreakerSlidingWindow(10)
        .circuitBreakerMinimumCalls(4)
        .circuitBreakerWaitInOpen(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void nothingConfiguredMeansNoIsolation() {
    ServiceIsolation none = isolation(HttpServiceConfig.defaults());
    assertThat(none.isActive()).isFalse();
    assertThat(breakers.getAllCircuitBreakers()).isEmpty();
    assertThat(bulkheads.getAllBulkheads()).isEmpty();
  }

  @Test
  void breakerOpensAtTheThresholdAfterMinimumCallsAndHalfOpensAfterWaitInOpenOnTheTicker() {
    ServiceIsolation iso = isolation(breakerConfig());
    CircuitBreaker cb = iso.breaker();
    assertThat(cb).isNotNull();
    for (int i = 0; i < 3; i++) {
      assertThat(iso.tryEnter(GET)).isNull();
      iso.exit(Verdict.FAILURE, 1_000_000);
    }
    assertThat(cb.getState()).as("3 failures, below minimum-calls 4").isEqualTo(closed());
    assertThat(iso.tryEnter(GET)).isNull();
    iso.exit(Verdict.FAILURE, 1_000_000);
    assertThat(cb.getState()).isEqualTo(CircuitBreaker.State.OPEN);

    BallastHttpException refused = iso.tryEnter(GET);
    assertThat(refused).isNotNull();
    assertThat(refused.service()).isEqualTo("orders");
    assertThat(refused.getMessage())
        .isEqualTo(
            "GET /o/1 on service 'orders' rejected: circuit breaker open: 4 of the last 4 calls"
                + " failed (circuit-breaker.failure-rate-threshold 50%, circuit-breaker.wait-in-open"
                + " 10s); nothing was sent");

    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(iso.tryEnter(GET)).as("still open 1 ns before wait-in-open").isNotNull();
    now.addAndGet(2);
    // Half-open: a few trial calls (10, bounded by the window) and no more.
    for (int i = 0; i < 10; i++) {
      assertThat(iso.tryEnter(GET)).as("trial call %d", i).isNull();
    }
    assertThat(cb.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    BallastHttpException busy = iso.tryEnter(GET);
    assertThat(busy).isNotNull();
    assertThat(busy.getMessage()).contains("circuit breaker half-open: its 10 trial calls");
    for (int i = 0; i < 10; i++) {
      iso.exit(Verdict.SUCCESS, 1_000_000);
    }
    assertThat(cb.getState()).isEqualTo(closed());
    assertThat(iso.tryEnter(GET)).isNull();
  }

  @Test
  void failedTrialCallsOpenTheBreakerAgain() {
    ServiceIsolation iso = isolation(breakerConfig());
    for (int i = 0; i < 4; i++) {
      assertThat(iso.tryEnter(GET)).isNull();
      iso.exit(Verdict.FAILURE, 1);
    }
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    // Half-open decides once minimum-calls (4 here, at most 10) trial calls are in.
    for (int i = 0; i < 3; i++) {
      assertThat(iso.tryEnter(GET)).isNull();
      iso.exit(Verdict.FAILURE, 1);
    }
    assertThat(iso.breaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(iso.tryEnter(GET)).isNull();
    iso.exit(Verdict.FAILURE, 1);
    assertThat(iso.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(iso.tryEnter(GET)).isNotNull();
  }

  @Test
  void ignoredCallsAndFourHundredsNeverOpenTheBreaker() {
    ServiceIsolation iso = isolation(breakerConfig());
    for (int i = 0; i < 30; i++) {
      assertThat(iso.tryEnter(GET)).isNull();
      iso.exit(i % 2 == 0 ? ServiceIsolation.verdict(404, null, false) : Verdict.IGNORED, 1);
    }
    assertThat(iso.breaker().getState()).isEqualTo(closed());
    assertThat(iso.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void verdictCountsWhatRetriesCountAsFailures() {
    assertThat(ServiceIsolation.verdict(503, null, false)).isEqualTo(Verdict.FAILURE);
    assertThat(ServiceIsolation.verdict(500, FailureKind.RESET, false)).isEqualTo(Verdict.FAILURE);
    assertThat(ServiceIsolation.verdict(404, null, false)).isEqualTo(Verdict.SUCCESS);
    assertThat(ServiceIsolation.verdict(200, FailureKind.TIMEOUT, false))
        .as("answered on a retry")
        .isEqualTo(Verdict.SUCCESS);
    for (FailureKind k :
        new FailureKind[] {
          FailureKind.CONNECT_REFUSED,
          FailureKind.CONNECT_FAILED,
          FailureKind.CONNECT_TIMEOUT,
          FailureKind.RESET,
          FailureKind.STALE_CONNECTION,
          FailureKind.TIMEOUT,
          FailureKind.PROTOCOL_ERROR
        }) {
      assertThat(ServiceIsolation.verdict(0, k, false)).as(k.name()).isEqualTo(Verdict.FAILURE);
    }
    for (FailureKind k :
        new FailureKind[] {
          FailureKind.POOL_EXHAUSTED,
          FailureKind.POOL_WAIT_TIMEOUT,
          FailureKind.ENDPOINT_REMOVED,
          FailureKind.CANCELLED
        }) {
      assertThat(ServiceIsolation.verdict(0, k, false)).as(k.name()).isEqualTo(Verdict.IGNORED);
    }
    assertThat(ServiceIsolation.verdict(0, null, false))
        .as("no endpoint")
        .isEqualTo(Verdict.IGNORED);
    assertThat(ServiceIsolation.verdict(0, FailureKind.TIMEOUT, true))
        .as("cancelled or closed")
        .isEqualTo(Verdict.IGNORED);
  }

  @Test
  void bulkheadRefusesOverTheLimitAtOnceAndFreesAPlaceOnExit() {
    ServiceIsolation iso =
        isolation(HttpServiceConfig.builder().bulkheadMaxConcurrentCalls(2).build());
    assertThat(iso.tryEnter(GET)).isNull();
    assertThat(iso.tryEnter(GET)).isNull();
    BallastHttpException refused = iso.tryEnter(GET);
    assertThat(refused).isNotNull();
    assertThat(refused.getMessage())
        .isEqualTo(
            "GET /o/1 on service 'orders' rejected: bulkhead full: 2 calls in flight"
                + " (bulkhead.max-concurrent-calls 2); nothing was sent");
    iso.exit(Verdict.SUCCESS, 1);
    assertThat(iso.tryEnter(GET)).isNull();
    assertThat(iso.bulkhead().getMetrics().getAvailableConcurrentCalls()).isZero();
  }

  @Test
  void aCallerThatMayNotBlockNeverWaitsForMaxWait() {
    ServiceIsolation onLoop =
        new ServiceIsolation(
            "orders",
            HttpServiceConfig.builder()
                .bulkheadMaxConcurrentCalls(1)
                .bulkheadMaxWait(Duration.ofSeconds(30))
                .build(),
            now::get,
            breakers,
            bulkheads,
            () -> false);
    assertThat(onLoop.tryEnter(GET)).isNull();
    long start = System.nanoTime();
    BallastHttpException refused = onLoop.tryEnter(GET);
    // A hang guard only: the assertion is that it returned at all, refused, without the 30 s wait.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(refused).isNotNull();
    assertThat(refused.getMessage())
        .contains("bulkhead.max-wait 30s not waited: the caller is an event-loop thread");
  }

  @Test
  void aCallerThatMayBlockWaitsAtMostMaxWaitThenFails() {
    ServiceIsolation iso =
        isolation(
            HttpServiceConfig.builder()
                .bulkheadMaxConcurrentCalls(1)
                .bulkheadMaxWait(Duration.ofMillis(20))
                .build());
    assertThat(iso.tryEnter(GET)).isNull();
    BallastHttpException refused = iso.tryEnter(GET);
    assertThat(refused).isNotNull();
    assertThat(refused.getMessage())
        .isEqualTo(
            "GET /o/1 on service 'orders' rejected: bulkhead full: 1 calls in flight"
                + " (bulkhead.max-concurrent-calls 1, waited bulkhead.max-wait 20ms); nothing was"
                + " sent");
  }

  @Test
  void aBlockedCallerGetsThePlaceReleasedWhileItWaits() throws Exception {
    ServiceIsolation iso =
        isolation(
            HttpServiceConfig.builder()
                .bulkheadMaxConcurrentCalls(1)
                .bulkheadMaxWait(Duration.ofSeconds(30))
                .build());
    assertThat(iso.tryEnter(GET)).isNull();
    AtomicReference<@Nullable BallastHttpException> outcome = new AtomicReference<>();
    CountDownLatch returned = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              outcome.set(iso.tryEnter(GET));
              returned.countDown();
            },
            "bulkhead-waiter");
    waiter.start();
    // Parked in the bulkhead's wait, not yet refused.
    await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == State.TIMED_WAITING);
    assertThat(returned.getCount()).isEqualTo(1);
    iso.exit(Verdict.SUCCESS, 1);
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).as("admitted when the place was freed").isNull();
  }

  @Test
  void closeRemovesBothFromTheRegistries() {
    ServiceIsolation iso =
        isolation(breakerConfig().toBuilder().bulkheadMaxConcurrentCalls(3).build());
    assertThat(breakers.find("orders")).isPresent();
    assertThat(bulkheads.find("orders")).isPresent();
    assertThat(breakers.find("orders").orElseThrow().getTags()).containsEntry("service", "orders");
    iso.close();
    assertThat(breakers.find("orders")).isEmpty();
    assertThat(bulkheads.find("orders")).isEmpty();
  }

  private static CircuitBreaker.State closed() {
    return CircuitBreaker.State.CLOSED;
  }
}
