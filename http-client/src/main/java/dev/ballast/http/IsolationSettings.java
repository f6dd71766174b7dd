package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The isolation keys of {@link HttpServiceConfig}, the service's Resilience4j bulkhead and circuit
 * breaker (see {@link ConnectionSettings} for why a package-private superclass). Immutable.
 */
abstract sealed class IsolationSettings extends RetrySettings permits HttpServiceConfig {
  final int bulkheadMaxConcurrentCalls;
  final Duration bulkheadMaxWait;
  final int circuitBreakerFailureRateThreshold;
  final int circuitBreakerSlidingWindow;
  final int circuitBreakerMinimumCalls;
  final Duration circuitBreakerWaitInOpen;

  IsolationSettings(Builder b) {
    super(b);
    bulkheadMaxConcurrentCalls = b.bulkheadMaxConcurrentCalls;
    bulkheadMaxWait = b.bulkheadMaxWait;
    circuitBreakerFailureRateThreshold = b.circuitBreakerFailureRateThreshold;
    circuitBreakerSlidingWindow = b.circuitBreakerSlidingWindow;
    circuitBreakerMinimumCalls = b.circuitBreakerMinimumCalls;
    circuitBreakerWaitInOpen = b.circuitBreakerWaitInOpen;
  }

  /**
   * {@return {@code bulkhead.max-concurrent-calls}: calls of this service that may be in flight at
   * once (Resilience4j bulkhead); a call over the limit fails with a {@link BallastHttpException}
   * naming the service and the limit, after waiting at most {@link #bulkheadMaxWait()}} A call
   * holds its place from {@code send}/{@code sendAsync} until its result is delivered, retries and
   * hedges included. Empty (default, or 0) = no bulkhead.
   */
  public OptionalInt bulkheadMaxConcurrentCalls() {
    return bulkheadMaxConcurrentCalls == 0
        ? OptionalInt.empty()
        : OptionalInt.of(bulkheadMaxConcurrentCalls);
  }

  /**
   * {@return {@code bulkhead.max-wait}: how long a call over {@link #bulkheadMaxConcurrentCalls()}
   * waits for a place before failing; default 0 (fails at once)} Only a caller that may block
   * waits: on an event-loop thread (Ballast's or any Netty loop's) a call over the limit fails at
   * once, since blocking the loop would stall every connection it serves.
   */
  public Duration bulkheadMaxWait() {
    return bulkheadMaxWait;
  }

  /**
   * {@return {@code circuit-breaker.failure-rate-threshold}: percentage of failed calls, over the
   * last {@link #circuitBreakerSlidingWindow()} calls (once {@link #circuitBreakerMinimumCalls()}
   * were recorded), at which the service's circuit breaker opens; while open, calls fail fast
   * without touching the network} A failure is what retries count as one: a connect failure, reset
   * or timeout, or a 5xx response as the call's result; never a 4xx. Empty (default, or 0) = no
   * circuit breaker.
   */
  public OptionalInt circuitBreakerFailureRateThreshold() {
    return circuitBreakerFailureRateThreshold == 0
        ? OptionalInt.empty()
        : OptionalInt.of(circuitBreakerFailureRateThreshold);
  }

  /**
   * {@return {@code circuit-breaker.sliding-window}: calls the failure rate is computed over;
   * default 100}
   */
  public int circuitBreakerSlidingWindow() {
    return circuitBreakerSlidingWindow;
  }

  /**
   * {@return {@code circuit-breaker.minimum-calls}: calls recorded before the failure rate may open
   * the breaker (at most the sliding window); default 20}
   */
  public int circuitBreakerMinimumCalls() {
    return circuitBreakerMinimumCalls;
  }

  /**
   * {@return {@code circuit-breaker.wait-in-open}: how long the breaker stays open before letting a
   * few trial calls through (half-open: at most 10 at once; once {@link
   * #circuitBreakerMinimumCalls()} of them, at most 10, have ended, their failure rate closes the
   * breaker or opens it again); default 10 s}
   */
  public Duration circuitBreakerWaitInOpen() {
    return circuitBreakerWaitInOpen;
  }

  /** The {@code key=value} pairs of {@code toString()} for these keys, comma-separated. */
  String isolationString() {
    return "bulkheadMaxConcurrentCalls="
        + (bulkheadMaxConcurrentCalls == 0 ? "off" : bulkheadMaxConcurrentCalls)
        + ", bulkheadMaxWait="
        + Durations.format(bulkheadMaxWait)
        + ", circuitBreakerFailureRateThreshold="
        + (circuitBreakerFailureRateThreshold == 0 ? "off" : circuitBreakerFailureRateThreshold)
        + ", circuitBreakerSlidingWindow="
        + circuitBreakerSlidingWindow
        + ", circuitBreakerMinimumCalls="
        + circuitBreakerMinimumCalls
        + ", circuitBreakerWaitInOpen="
        + Durations.format(circuitBreakerWaitInOpen);
  }

  /** Holds, sets and validates these keys for {@link HttpServiceConfig.Builder}. */
  abstract static sealed class Builder extends RetrySettings.Builder
      permits HttpServiceConfig.Builder {
    int bulkheadMaxConcurrentCalls;
    Duration bulkheadMaxWait = Duration.ZERO;
    int circuitBreakerFailureRateThreshold;
    int circuitBreakerSlidingWindow = 100;
    int circuitBreakerMinimumCalls = 20;
    Duration circuitBreakerWaitInOpen = Duration.ofSeconds(10);

    Builder() {}

    /** Copies these keys from {@code c} (for {@code toBuilder()}). */
    void copyIsolation(IsolationSettings c) {
      copyRetry(c);
      bulkheadMaxConcurrentCalls = c.bulkheadMaxConcurrentCalls;
      bulkheadMaxWait = c.bulkheadMaxWait;
      circuitBreakerFailureRateThreshold = c.circuitBreakerFailureRateThreshold;
      circuitBreakerSlidingWindow = c.circuitBreakerSlidingWindow;
      circuitBreakerMinimumCalls = c.circuitBreakerMinimumCalls;
      circuitBreakerWaitInOpen = c.circuitBreakerWaitInOpen;
    }

    /**
     * See {@link HttpServiceConfig#bulkheadMaxConcurrentCalls()}; 0 turns the bulkhead off.
     *
     * @param value see {@link HttpServiceConfig#bulkheadMaxConcurrentCalls()}; 0 turns the bulkhead
     *     off
     * @return this builder
     */
    public HttpServiceConfig.Builder bulkheadMaxConcurrentCalls(int value) {
      bulkheadMaxConcurrentCalls = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#bulkheadMaxWait()}.
     *
     * @param value see {@link HttpServiceConfig#bulkheadMaxWait()}
     * @return this builder
     */
    public HttpServiceConfig.Builder bulkheadMaxWait(Duration value) {
      bulkheadMaxWait = requireNonNull(value, "bulkheadMaxWait");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerFailureRateThreshold()}; 0 turns the breaker off.
     *
     * @param percent see {@link HttpServiceConfig#circuitBreakerFailureRateThreshold()}; 0 turns
     *     the breaker off
     * @return this builder
     */
    public HttpServiceConfig.Builder circuitBreakerFailureRateThreshold(int percent) {
      circuitBreakerFailureRateThreshold = percent;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerSlidingWindow()}.
     *
     * @param calls see {@link HttpServiceConfig#circuitBreakerSlidingWindow()}
     * @return this builder
     */
    public HttpServiceConfig.Builder circuitBreakerSlidingWindow(int calls) {
      circuitBreakerSlidingWindow = calls;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerMinimumCalls()}.
     *
     * @param calls see {@link HttpServiceConfig#circuitBreakerMinimumCalls()}
     * @return this builder
     */
    public HttpServiceConfig.Builder circuitBreakerMinimumCalls(int calls) {
      circuitBreakerMinimumCalls = calls;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerWaitInOpen()}.
     *
     * @param value see {@link HttpServiceConfig#circuitBreakerWaitInOpen()}
     * @return this builder
     */
    public HttpServiceConfig.Builder circuitBreakerWaitInOpen(Duration value) {
      circuitBreakerWaitInOpen = requireNonNull(value, "circuitBreakerWaitInOpen");
      return self();
    }

    /** Adds a line per invalid key to {@code problems}, in the order the keys are listed. */
    void validateIsolation(List<String> problems) {
      check(
          problems,
          bulkheadMaxConcurrentCalls >= 0 && bulkheadMaxConcurrentCalls <= 1_000_000,
          "bulkhead.max-concurrent-calls",
          bulkheadMaxConcurrentCalls,
          "an integer 1..1000000, or 0 for no bulkhead");
      check(
          problems,
          !bulkheadMaxWait.isNegative(),
          "bulkhead.max-wait",
          Durations.format(bulkheadMaxWait),
          "a non-negative duration");
      check(
          problems,
          circuitBreakerFailureRateThreshold >= 0 && circuitBreakerFailureRateThreshold <= 100,
          "circuit-breaker.failure-rate-threshold",
          circuitBreakerFailureRateThreshold,
          "a percentage 1..100, or 0 for no circuit breaker");
      check(
          problems,
          circuitBreakerSlidingWindow >= 1 && circuitBreakerSlidingWindow <= 100_000,
          "circuit-breaker.sliding-window",
          circuitBreakerSlidingWindow,
          "an integer 1..100000 (calls)");
      check(
          problems,
          circuitBreakerMinimumCalls >= 1 && circuitBreakerMinimumCalls <= 100_000,
          "circuit-breaker.minimum-calls",
          circuitBreakerMinimumCalls,
          "an integer 1..100000 (calls)");
      positive(problems, "circuit-breaker.wait-in-open", circuitBreakerWaitInOpen);
    }
  }
}
