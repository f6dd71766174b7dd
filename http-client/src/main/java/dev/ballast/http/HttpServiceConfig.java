package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Durations;
import dev.ballast.lb.LbConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of one service in a {@link BallastHttpClient}: the load-balancer settings
 * ({@link LbConfig}) plus transport, retry, hedging, health-check and isolation (bulkhead and
 * circuit breaker) settings. The property names in the accessors' documentation are relative to
 * {@code ballast.http.services.<name>.} (falling back to {@code ballast.http.defaults.}).
 */
public final class HttpServiceConfig {
  private final LbConfig lb;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final @Nullable Duration callTimeout;
  private final int maxConnectionsPerEndpoint;
  private final int maxPendingAcquires;
  private final Duration idleTimeout;
  private final Duration nonIdempotentMaxIdle;
  private final int maxResponseSize;
  private final int retryMaxAttempts;
  private final Duration retryBackoff;
  private final int retryBudgetPercent;
  private final @Nullable Duration hedgeDelay;
  private final int hedgeBudgetPercent;
  private final @Nullable String healthCheckPath;
  private final boolean tlsInsecureTrustAll;
  private final @Nullable Path tlsTrustCertificates;
  private final int bulkheadMaxConcurrentCalls;
  private final Duration bulkheadMaxWait;
  private final int circuitBreakerFailureRateThreshold;
  private final int circuitBreakerSlidingWindow;
  private final int circuitBreakerMinimumCalls;
  private final Duration circuitBreakerWaitInOpen;

  private HttpServiceConfig(Builder b) {
    lb = b.lb;
    connectTimeout = b.connectTimeout;
    requestTimeout = b.requestTimeout;
    callTimeout = b.callTimeout;
    maxConnectionsPerEndpoint = b.maxConnectionsPerEndpoint;
    maxPendingAcquires = b.maxPendingAcquires;
    idleTimeout = b.idleTimeout;
    nonIdempotentMaxIdle = b.nonIdempotentMaxIdle;
    maxResponseSize = b.maxResponseSize;
    retryMaxAttempts = b.retryMaxAttempts;
    retryBackoff = b.retryBackoff;
    retryBudgetPercent = b.retryBudgetPercent;
    hedgeDelay = b.hedgeDelay;
    hedgeBudgetPercent = b.hedgeBudgetPercent;
    healthCheckPath = b.healthCheckPath;
    tlsInsecureTrustAll = b.tlsInsecureTrustAll;
    tlsTrustCertificates = b.tlsTrustCertificates;
    bulkheadMaxConcurrentCalls = b.bulkheadMaxConcurrentCalls;
    bulkheadMaxWait = b.bulkheadMaxWait;
    circuitBreakerFailureRateThreshold = b.circuitBreakerFailureRateThreshold;
    circuitBreakerSlidingWindow = b.circuitBreakerSlidingWindow;
    circuitBreakerMinimumCalls = b.circuitBreakerMinimumCalls;
    circuitBreakerWaitInOpen = b.circuitBreakerWaitInOpen;
  }

  /** {@return a builder with the documented defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults} */
  public static HttpServiceConfig defaults() {
    return builder().build();
  }

  /** {@return a builder pre-filled with this configuration} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.lb = lb;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.callTimeout = callTimeout;
    b.maxConnectionsPerEndpoint = maxConnectionsPerEndpoint;
    b.maxPendingAcquires = maxPendingAcquires;
    b.idleTimeout = idleTimeout;
    b.nonIdempotentMaxIdle = nonIdempotentMaxIdle;
    b.maxResponseSize = maxResponseSize;
    b.retryMaxAttempts = retryMaxAttempts;
    b.retryBackoff = retryBackoff;
    b.retryBudgetPercent = retryBudgetPercent;
    b.hedgeDelay = hedgeDelay;
    b.hedgeBudgetPercent = hedgeBudgetPercent;
    b.healthCheckPath = healthCheckPath;
    b.tlsInsecureTrustAll = tlsInsecureTrustAll;
    b.tlsTrustCertificates = tlsTrustCertificates;
    b.bulkheadMaxConcurrentCalls = bulkheadMaxConcurrentCalls;
    b.bulkheadMaxWait = bulkheadMaxWait;
    b.circuitBreakerFailureRateThreshold = circuitBreakerFailureRateThreshold;
    b.circuitBreakerSlidingWindow = circuitBreakerSlidingWindow;
    b.circuitBreakerMinimumCalls = circuitBreakerMinimumCalls;
    b.circuitBreakerWaitInOpen = circuitBreakerWaitInOpen;
    return b;
  }

  /**
   * {@return the load-balancer settings (strategy, zones, health thresholds, ejection, panic, slow
   * start)}
   */
  public LbConfig lb() {
    return lb;
  }

  /** {@return {@code connect-timeout}: TCP (and TLS) connect bound; default 1 s} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return {@code request-timeout}: bound of one attempt, pool wait included; default 10 s} */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * {@return {@code call-timeout}: bound of the whole call, retries included; empty (default) =
   * none}
   */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /** {@return {@code max-connections-per-endpoint}: pooled keep-alive connections; default 64} */
  public int maxConnectionsPerEndpoint() {
    return maxConnectionsPerEndpoint;
  }

  /**
   * {@return {@code max-pending-acquires}: attempts that may wait for a connection per endpoint
   * when all are busy; more fail at once (and are retried elsewhere); default 1024}
   */
  public int maxPendingAcquires() {
    return maxPendingAcquires;
  }

  /**
   * {@return {@code idle-timeout}: a pooled connection unused for this long is closed; default 60
   * s} Keep it below the servers' (and any proxy's) own keep-alive timeout, so the client, not the
   * server, closes an idle connection and no request is written into one the server is closing.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * {@return {@code non-idempotent-max-idle}: a request that is not idempotent (POST, PATCH) is
   * written only on a pooled connection idle for less than this, else on a new connection; default
   * 1 s} A server closes idle connections on its own timer, and a request written while that close
   * is on its way is lost unread; an idempotent request is then sent again, a POST cannot be, since
   * nothing proves the server did not read it. Keep it below the keep-alive timeout of the servers
   * (and proxies) in front of the service; gunicorn's 2 s is the shortest in common use. A server
   * that announces its timeout ({@code Keep-Alive: timeout=N}) lowers it, for every request, to
   * three quarters of N. {@code 0}: such requests always go on a new connection.
   */
  public Duration nonIdempotentMaxIdle() {
    return nonIdempotentMaxIdle;
  }

  /** {@return {@code max-response-size}: largest accepted response body in bytes; default 10 MB} */
  public int maxResponseSize() {
    return maxResponseSize;
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

  /**
   * {@return {@code health-check.path}: path of active health checks; empty (default) = no checks}
   */
  public Optional<String> healthCheckPath() {
    return Optional.ofNullable(healthCheckPath);
  }

  /**
   * {@return {@code tls.insecure-trust-all}: trust every server certificate and skip host name
   * checks for {@code https} endpoints} For tests only; default false.
   */
  public boolean tlsInsecureTrustAll() {
    return tlsInsecureTrustAll;
  }

  /**
   * {@return {@code tls.trust-certificates}: a PEM file of X.509 certificates (e.g. a private CA)
   * that {@code https} endpoints' certificates must chain to, instead of the JDK's default trust
   * store} Host names are verified either way, unless {@link #tlsInsecureTrustAll()}. Empty
   * (default) = the JDK's trust store.
   */
  public Optional<Path> tlsTrustCertificates() {
    return Optional.ofNullable(tlsTrustCertificates);
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

  @Override
  public String toString() {
    return "HttpServiceConfig{connectTimeout="
        + Durations.format(connectTimeout)
        + ", requestTimeout="
        + Durations.format(requestTimeout)
        + ", callTimeout="
        + (callTimeout == null ? "none" : Durations.format(callTimeout))
        + ", maxConnectionsPerEndpoint="
        + maxConnectionsPerEndpoint
        + ", idleTimeout="
        + Durations.format(idleTimeout)
        + ", nonIdempotentMaxIdle="
        + Durations.format(nonIdempotentMaxIdle)
        + ", retryMaxAttempts="
        + retryMaxAttempts
        + ", retryBackoff="
        + Durations.format(retryBackoff)
        + ", retryBudgetPercent="
        + retryBudgetPercent
        + ", hedgeDelay="
        + (hedgeDelay == null ? "none" : Durations.format(hedgeDelay))
        + ", healthCheckPath="
        + (healthCheckPath == null ? "none" : healthCheckPath)
        + ", tlsTrustCertificates="
        + (tlsTrustCertificates == null ? "default" : tlsTrustCertificates)
        + ", bulkheadMaxConcurrentCalls="
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
        + Durations.format(circuitBreakerWaitInOpen)
        + ", lb="
        + lb
        + '}';
  }

  /** Builds an {@link HttpServiceConfig}; not thread-safe. */
  public static final class Builder {
    private LbConfig lb = LbConfig.defaults();
    private Duration connectTimeout = Duration.ofSeconds(1);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private @Nullable Duration callTimeout;
    private int maxConnectionsPerEndpoint = 64;
    private int maxPendingAcquires = 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration nonIdempotentMaxIdle = Duration.ofSeconds(1);
    private int maxResponseSize = 10 * 1024 * 1024;
    private int retryMaxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(25);
    private int retryBudgetPercent = 20;
    private @Nullable Duration hedgeDelay;
    private int hedgeBudgetPercent = 10;
    private @Nullable String healthCheckPath;
    private boolean tlsInsecureTrustAll;
    private @Nullable Path tlsTrustCertificates;
    private int bulkheadMaxConcurrentCalls;
    private Duration bulkheadMaxWait = Duration.ZERO;
    private int circuitBreakerFailureRateThreshold;
    private int circuitBreakerSlidingWindow = 100;
    private int circuitBreakerMinimumCalls = 20;
    private Duration circuitBreakerWaitInOpen = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * See {@link HttpServiceConfig#lb()}.
     *
     * @param value see {@link HttpServiceConfig#lb()}
     * @return this builder
     */
    public Builder lb(LbConfig value) {
      lb = requireNonNull(value, "lb");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#connectTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#connectTimeout()}
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      connectTimeout = requireNonNull(value, "connectTimeout");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#requestTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#requestTimeout()}
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      requestTimeout = requireNonNull(value, "requestTimeout");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#callTimeout()}; null removes it.
     *
     * @param value see {@link HttpServiceConfig#callTimeout()}; null removes it
     * @return this builder
     */
    public Builder callTimeout(@Nullable Duration value) {
      callTimeout = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#maxConnectionsPerEndpoint()}.
     *
     * @param value see {@link HttpServiceConfig#maxConnectionsPerEndpoint()}
     * @return this builder
     */
    public Builder maxConnectionsPerEndpoint(int value) {
      maxConnectionsPerEndpoint = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#maxPendingAcquires()}.
     *
     * @param value see {@link HttpServiceConfig#maxPendingAcquires()}
     * @return this builder
     */
    public Builder maxPendingAcquires(int value) {
      maxPendingAcquires = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#idleTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#idleTimeout()}
     * @return this builder
     */
    public Builder idleTimeout(Duration value) {
      idleTimeout = requireNonNull(value, "idleTimeout");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#nonIdempotentMaxIdle()}.
     *
     * @param value see {@link HttpServiceConfig#nonIdempotentMaxIdle()}
     * @return this builder
     */
    public Builder nonIdempotentMaxIdle(Duration value) {
      nonIdempotentMaxIdle = requireNonNull(value, "nonIdempotentMaxIdle");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#maxResponseSize()}.
     *
     * @param value see {@link HttpServiceConfig#maxResponseSize()}
     * @return this builder
     */
    public Builder maxResponseSize(int value) {
      maxResponseSize = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#retryMaxAttempts()}.
     *
     * @param value see {@link HttpServiceConfig#retryMaxAttempts()}
     * @return this builder
     */
    public Builder retryMaxAttempts(int value) {
      retryMaxAttempts = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#retryBackoff()}.
     *
     * @param value see {@link HttpServiceConfig#retryBackoff()}
     * @return this builder
     */
    public Builder retryBackoff(Duration value) {
      retryBackoff = requireNonNull(value, "retryBackoff");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#retryBudgetPercent()}.
     *
     * @param value see {@link HttpServiceConfig#retryBudgetPercent()}
     * @return this builder
     */
    public Builder retryBudgetPercent(int value) {
      retryBudgetPercent = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#hedgeDelay()}; null turns hedging off.
     *
     * @param value see {@link HttpServiceConfig#hedgeDelay()}; null turns hedging off
     * @return this builder
     */
    public Builder hedgeDelay(@Nullable Duration value) {
      hedgeDelay = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#hedgeBudgetPercent()}.
     *
     * @param value see {@link HttpServiceConfig#hedgeBudgetPercent()}
     * @return this builder
     */
    public Builder hedgeBudgetPercent(int value) {
      hedgeBudgetPercent = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#healthCheckPath()}; null turns active checks off.
     *
     * @param value see {@link HttpServiceConfig#healthCheckPath()}; null turns active checks off
     * @return this builder
     */
    public Builder healthCheckPath(@Nullable String value) {
      healthCheckPath = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#tlsInsecureTrustAll()}.
     *
     * @param value see {@link HttpServiceConfig#tlsInsecureTrustAll()}
     * @return this builder
     */
    public Builder tlsInsecureTrustAll(boolean value) {
      tlsInsecureTrustAll = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#tlsTrustCertificates()}; null restores the default.
     *
     * @param value see {@link HttpServiceConfig#tlsTrustCertificates()}; null restores the default
     * @return this builder
     */
    public Builder tlsTrustCertificates(@Nullable Path value) {
      tlsTrustCertificates = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#bulkheadMaxConcurrentCalls()}; 0 turns the bulkhead off.
     *
     * @param value see {@link HttpServiceConfig#bulkheadMaxConcurrentCalls()}; 0 turns the bulkhead
     *     off
     * @return this builder
     */
    public Builder bulkheadMaxConcurrentCalls(int value) {
      bulkheadMaxConcurrentCalls = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#bulkheadMaxWait()}.
     *
     * @param value see {@link HttpServiceConfig#bulkheadMaxWait()}
     * @return this builder
     */
    public Builder bulkheadMaxWait(Duration value) {
      bulkheadMaxWait = requireNonNull(value, "bulkheadMaxWait");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerFailureRateThreshold()}; 0 turns the breaker off.
     *
     * @param percent see {@link HttpServiceConfig#circuitBreakerFailureRateThreshold()}; 0 turns
     *     the breaker off
     * @return this builder
     */
    public Builder circuitBreakerFailureRateThreshold(int percent) {
      circuitBreakerFailureRateThreshold = percent;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerSlidingWindow()}.
     *
     * @param calls see {@link HttpServiceConfig#circuitBreakerSlidingWindow()}
     * @return this builder
     */
    public Builder circuitBreakerSlidingWindow(int calls) {
      circuitBreakerSlidingWindow = calls;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerMinimumCalls()}.
     *
     * @param calls see {@link HttpServiceConfig#circuitBreakerMinimumCalls()}
     * @return this builder
     */
    public Builder circuitBreakerMinimumCalls(int calls) {
      circuitBreakerMinimumCalls = calls;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#circuitBreakerWaitInOpen()}.
     *
     * @param value see {@link HttpServiceConfig#circuitBreakerWaitInOpen()}
     * @return this builder
     */
    public Builder circuitBreakerWaitInOpen(Duration value) {
      circuitBreakerWaitInOpen = requireNonNull(value, "circuitBreakerWaitInOpen");
      return this;
    }

    /**
     * Validates every field and builds. A {@code tls.trust-certificates} file is read here, so a
     * missing or malformed one fails at start-up rather than at the first {@code https} call.
     *
     * @return the configuration
     * @throws ConfigException listing every problem, one per line, keyed by relative property name
     */
    public HttpServiceConfig build() {
      List<String> problems = new ArrayList<>();
      positive(problems, "connect-timeout", connectTimeout);
      positive(problems, "request-timeout", requestTimeout);
      if (callTimeout != null) {
        positive(problems, "call-timeout", callTimeout);
      }
      check(
          problems,
          maxConnectionsPerEndpoint >= 1 && maxConnectionsPerEndpoint <= 100_000,
          "max-connections-per-endpoint",
          maxConnectionsPerEndpoint,
          "an integer 1..100000");
      check(
          problems,
          maxPendingAcquires >= 0 && maxPendingAcquires <= 1_000_000,
          "max-pending-acquires",
          maxPendingAcquires,
          "an integer 0..1000000");
      positive(problems, "idle-timeout", idleTimeout);
      check(
          problems,
          !nonIdempotentMaxIdle.isNegative(),
          "non-idempotent-max-idle",
          Durations.format(nonIdempotentMaxIdle),
          "a non-negative duration");
      check(
          problems,
          maxResponseSize >= 1,
          "max-response-size",
          maxResponseSize,
          "a size of at least 1 byte");
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
      String path = healthCheckPath;
      if (path != null) {
        check(
            problems,
            path.startsWith("/") && path.chars().noneMatch(c -> c <= 32 || c == 127),
            "health-check.path",
            path,
            "a path starting with '/', no spaces");
      }
      Path trust = tlsTrustCertificates;
      if (trust != null) {
        check(
            problems,
            readsCertificates(trust),
            "tls.trust-certificates",
            trust,
            "a readable PEM file of one or more X.509 certificates");
      }
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
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new HttpServiceConfig(this);
    }

    private static boolean readsCertificates(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        return !CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty();
      } catch (IOException | CertificateException | RuntimeException e) {
        return false;
      }
    }

    private static void positive(List<String> problems, String key, Duration d) {
      check(
          problems,
          !d.isNegative() && !d.isZero(),
          key,
          Durations.format(d),
          "a positive duration");
    }

    private static void check(
        List<String> problems, boolean ok, String key, Object value, String expected) {
      if (!ok) {
        problems.add(key + ": " + value + " (expected: " + expected + ")");
      }
    }
  }
}
