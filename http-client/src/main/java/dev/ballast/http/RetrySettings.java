package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The retry and hedging keys of {@link HttpServiceConfig} (see {@link ConnectionSettings} for why a
 * package-private superclass). Immutable.
 */
abstract sealed class RetrySettings extends ConnectionSettings permits IsolationSettings {
  final int retryMaxAttempts;
  final Duration retryBackoff;
  final int retryBudgetPercent;
  final @Nullable Duration hedgeDelay;
  final int hedgeBudgetPercent;

  RetrySettings(Builder b) {
    super(b);
    retryMaxAttempts = b.retryMaxAttempts;
    retryBackoff = b.retryBackoff;
    retryBudgetPercent = b.retryBudgetPercent;
    hedgeDelay = b.hedgeDelay;
    hedgeBudgetPercent = b.hedgeBudgetPercent;
  }

  /**
   * {@return {@code retry.max-attempts}: attempts per call including the first and hedges; default
   * 3}
   */
  public int retryMaxAttempts() {
    return retryMaxAttempts;
  }

  /** {@return {@code retry.backoff}: base of the full-jitter exponential backoff; default 25 ms} */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /**
   * {@return {@code retry.budget-percent}: retries allowed as a percentage of calls over the last
   * 10 s, plus a floor of 10 retries per second; default 20}
   */
  public int retryBudgetPercent() {
    return retryBudgetPercent;
  }

  /**
   * {@return {@code hedge.delay}: send a backup attempt after this delay; empty (default) = no
   * hedging}
   */
  public Optional<Duration> hedgeDelay() {
    return Optional.ofNullable(hedgeDelay);
  }

  /**
   * {@return {@code hedge.budget-percent}: hedges allowed as a percentage of calls over the last 10
   * s, plus a floor of 1 per second; default 10}
   */
  public int hedgeBudgetPercent() {
    return hedgeBudgetPercent;
  }

  /** The {@code key=value} pairs of {@code toString()} for these keys, comma-separated. */
  String retryString() {
    return "retryMaxAttempts="
        + retryMaxAttempts
        + ", retryBackoff="
        + Durations.format(retryBackoff)
        + ", retryBudgetPercent="
        + retryBudgetPercent
        + ", hedgeDelay="
        + (hedgeDelay == null ? "none" : Durations.format(hedgeDelay));
  }

  /** Holds, sets and validates these keys for {@link HttpServiceConfig.Builder}. */
  abstract static sealed class Builder extends ConnectionSettings.Builder
      permits IsolationSettings.Builder {
    int retryMaxAttempts = 3;
    Duration retryBackoff = Duration.ofMillis(25);
    int retryBudgetPercent = 20;
    @Nullable Duration hedgeDelay;
    int hedgeBudgetPercent = 10;

    Builder() {}

    /** Copies these keys from {@code c} (for {@code toBuilder()}). */
    void copyRetry(RetrySettings c) {
      copyConnection(c);
      retryMaxAttempts = c.retryMaxAttempts;
      retryBackoff = c.retryBackoff;
      retryBudgetPercent = c.retryBudgetPercent;
      hedgeDelay = c.hedgeDelay;
      hedgeBudgetPercent = c.hedgeBudgetPercent;
    }

    /**
     * See {@link HttpServiceConfig#retryMaxAttempts()}.
     *
     * @param value see {@link HttpServiceConfig#retryMaxAttempts()}
     * @return this builder
     */
    public HttpServiceConfig.Builder retryMaxAttempts(int value) {
      retryMaxAttempts = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#retryBackoff()}.
     *
     * @param value see {@link HttpServiceConfig#retryBackoff()}
     * @return this builder
     */
    public HttpServiceConfig.Builder retryBackoff(Duration value) {
      retryBackoff = requireNonNull(value, "retryBackoff");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#retryBudgetPercent()}.
     *
     * @param value see {@link HttpServiceConfig#retryBudgetPercent()}
     * @return this builder
     */
    public HttpServiceConfig.Builder retryBudgetPercent(int value) {
      retryBudgetPercent = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#hedgeDelay()}; null turns hedging off.
     *
     * @param value see {@link HttpServiceConfig#hedgeDelay()}; null turns hedging off
     * @return this builder
     */
    public HttpServiceConfig.Builder hedgeDelay(@Nullable Duration value) {
      hedgeDelay = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#hedgeBudgetPercent()}.
     *
     * @param value see {@link HttpServiceConfig#hedgeBudgetPercent()}
     * @return this builder
     */
    public HttpServiceConfig.Builder hedgeBudgetPercent(int value) {
      hedgeBudgetPercent = value;
      return self();
    }

    /** Adds a line per invalid key to {@code problems}, in the order the keys are listed. */
    void validateRetry(List<String> problems) {
      check(
          problems,
          retryMaxAttempts >= 1 && retryMaxAttempts <= 10,
          "retry.max-attempts",
          retryMaxAttempts,
          "an integer 1..10");
      check(
          problems,
          !retryBackoff.isNegative(),
          "retry.backoff",
          Durations.format(retryBackoff),
          "a non-negative duration");
      check(
          problems,
          retryBudgetPercent >= 0 && retryBudgetPercent <= 100,
          "retry.budget-percent",
          retryBudgetPercent,
          "a percentage 0..100");
      if (hedgeDelay != null) {
        positive(problems, "hedge.delay", hedgeDelay);
      }
      check(
          problems,
          hedgeBudgetPercent >= 0 && hedgeBudgetPercent <= 100,
          "hedge.budget-percent",
          hedgeBudgetPercent,
          "a percentage 0..100");
    }
  }
}
