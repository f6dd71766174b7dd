package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Ticker;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One service's isolation (Resilience4j): a bulkhead bounding its calls in flight, so that a hung
 * dependency holds at most that many callers, and a circuit breaker over its call results, so that
 * a failing dependency is not called at all for a while. Either is absent unless configured.
 *
 * <p>A call {@linkplain #tryEnter enters} before anything is picked or sent and {@linkplain #exit
 * exits} once, when its result is delivered; retries and hedges are inside one call.
 *
 * <p><b>Why per service and not per endpoint.</b> Per-endpoint passive health stays lb-core's
 * Envoy-style outlier ejection rather than a Resilience4j breaker per endpoint: ejection is capped
 * by {@code max-ejection-percent} and overridden by panic mode, so it can never take every endpoint
 * out at once, while independent per-endpoint breakers know nothing of each other and would all
 * open in a fleet-wide brown-out, failing every call; and an ejected endpoint comes back on a timer
 * whose length grows with repeated ejections and then ramps up through slow start, where a
 * half-open breaker would send it a burst of trial calls. The service-wide breaker here answers
 * another question: whether to call the dependency at all.
 *
 * <p><b>Waiting.</b> A caller that may block waits for a bulkhead place up to {@code
 * bulkhead.max-wait}; an event-loop thread never waits. See {@link ServiceBulkhead}.
 *
 * <p>Thread-safe.
 */
final class ServiceIsolation {
  /** How a finished call counts for the circuit breaker. */
  enum Verdict {
    SUCCESS,
    FAILURE,
    /** Says nothing about the service: cancelled, client closed, no endpoint to pick. */
    IGNORED
  }

  // Trial calls let through when half-open (Resilience4j's default, bounded by the window).
  private static final int HALF_OPEN_CALLS = 10;
  // The breaker judges failures only; slowness is for peak-EWMA and the timeouts to handle.
  private static final Duration NEVER_SLOW = Duration.ofDays(365);

  private final String service;
  private final @Nullable ServiceBulkhead bulkhead;
  private final @Nullable CircuitBreaker breaker;
  private final BulkheadRegistry bulkheads;
  private final CircuitBreakerRegistry breakers;
  private final String openText;

  /**
   * @param mayBlock whether the calling thread may wait (false on an event loop)
   */
  ServiceIsolation(
      String service,
      HttpServiceConfig config,
      Ticker ticker,
      CircuitBreakerRegistry breakers,
      BulkheadRegistry bulkheads,
      BooleanSupplier mayBlock) {
    this.service = service;
    this.breakers = breakers;
    this.bulkheads = bulkheads;
    this.bulkhead = ServiceBulkhead.of(service, config, bulkheads, mayBlock);
    Map<String, String> tags = Map.of("service", service);
    int threshold = config.circuitBreakerFailureRateThreshold().orElse(0);
    int window = config.circuitBreakerSlidingWindow();
    this.breaker =
        threshold == 0
            ? null
            : breakers.circuitBreaker(
                service,
                CircuitBreakerConfig.custom()
                    .failureRateThreshold(threshold)
                    .slidingWindow(
                        window,
                        Math.min(config.circuitBreakerMinimumCalls(), window),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .waitDurationInOpenState(config.circuitBreakerWaitInOpen())
                    .permittedNumberOfCallsInHalfOpenState(Math.min(HALF_OPEN_CALLS, window))
                    .slowCallDurationThreshold(NEVER_SLOW)
                    .clock(new TickerClock(ticker))
                    .currentTimestampFunction(clock -> ticker.nanoTime(), TimeUnit.NANOSECONDS)
                    .writableStackTraceEnabled(false)
                    .build(),
                tags);
    this.openText =
        " (circuit-breaker.failure-rate-threshold "
            + threshold
            + "%, circuit-breaker.wait-in-open "
            + Durations.format(config.circuitBreakerWaitInOpen())
            + ")";
  }

  /** Whether a bulkhead or circuit breaker is configured; when not, calls skip this class. */
  boolean isActive() {
    return bulkhead != null || breaker != null;
  }

  /** The circuit breaker, or null when none is configured; for tests and diagnostics. */
  @Nullable CircuitBreaker breaker() {
    return breaker;
  }

  /** The bulkhead, or null when none is configured; for tests and diagnostics. */
  @Nullable Bulkhead bulkhead() {
    ServiceBulkhead bh = bulkhead;
    return bh == null ? null : bh.bulkhead();
  }

  /**
   * Admits a call, or returns why not. An admitted call must {@link #exit} exactly once.
   *
   * @return null when admitted; otherwise the exception to fail the call with, naming the service
   *     and the limit that refused it
   */
  @Nullable BallastHttpException tryEnter(ServiceRequest request) {
    CircuitBreaker cb = breaker;
    if (cb != null && !cb.tryAcquirePermission()) {
      return rejected(request, breakerRefusal(cb));
    }
    ServiceBulkhead bh = bulkhead;
    if (bh != null) {
      String refusal = bh.acquire();
      if (refusal != null) {
        if (cb != null) {
          cb.releasePermission();
        }
        return rejected(request, refusal);
      }
    }
    return null;
  }

  private String breakerRefusal(CircuitBreaker cb) {
    CircuitBreaker.Metrics m = cb.getMetrics();
    if (cb.getState() == CircuitBreaker.State.HALF_OPEN) {
      return "circuit breaker half-open: its "
          + cb.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()
          + " trial calls are still running"
          + openText;
    }
    return "circuit breaker "
        + cb.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ": "
        + m.getNumberOfFailedCalls()
        + " of the last "
        + m.getNumberOfBufferedCalls()
        + " calls failed"
        + openText;
  }

  private BallastHttpException rejected(ServiceRequest request, String why) {
    return new BallastHttpException(
        service,
        request.method()
            + " "
            + request.path()
            + " on service '"
            + service
            + "' rejected: "
            + why
            + "; nothing was sent",
        null);
  }

  /** Ends an admitted call: records its verdict and frees its bulkhead place. */
  void exit(Verdict verdict, long nanos) {
    CircuitBreaker cb = breaker;
    if (cb != null) {
      switch (verdict) {
        case SUCCESS -> cb.onSuccess(nanos, TimeUnit.NANOSECONDS);
        case FAILURE -> cb.onError(nanos, TimeUnit.NANOSECONDS, new CallFailed());
        case IGNORED -> cb.releasePermission();
      }
    }
    ServiceBulkhead bh = bulkhead;
    if (bh != null) {
      bh.release();
    }
  }

  /**
   * How a call counts: a 5xx result, or no response after a failure that counts against an endpoint
   * (connect failure, reset, timeout, malformed response), is a failure; any other response, 4xx
   * included, a success; a call that never reached the service says nothing.
   *
   * @param status the result's status, or 0 when the call ended without a response
   * @param lastFailure the last attempt failure, or null
   * @param aborted whether the call was cancelled or ended by the client's close
   */
  static Verdict verdict(int status, @Nullable FailureKind lastFailure, boolean aborted) {
    if (status != 0) {
      return status >= 500 ? Verdict.FAILURE : Verdict.SUCCESS;
    }
    if (aborted || lastFailure == null) {
      return Verdict.IGNORED;
    }
    return lastFailure.outcome == Outcome.FAILURE ? Verdict.FAILURE : Verdict.IGNORED;
  }

  /** Removes the bulkhead and breaker from their registries, and so their meters. */
  void close() {
    if (bulkhead != null) {
      bulkheads.remove(service);
    }
    if (breaker != null) {
      breakers.remove(service);
    }
  }

  /** What the breaker records for a failed call; stackless, so it costs an allocation only. */
  private static final class CallFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallFailed() {
      super("call failed: connect failure, reset, timeout or 5xx", null, false, false);
    }
  }
}
