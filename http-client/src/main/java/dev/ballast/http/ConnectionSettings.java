package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The connection keys of {@link HttpServiceConfig}: timeouts, the per-endpoint pool and the
 * response size bound. Package-private so that only {@link HttpServiceConfig} exposes them: its
 * public API is flat (one accessor and one builder method per key), and this superclass keeps the
 * file of each concern small. Immutable.
 */
abstract sealed class ConnectionSettings permits RetrySettings {
  final Duration connectTimeout;
  final Duration requestTimeout;
  final @Nullable Duration callTimeout;
  final int maxConnectionsPerEndpoint;
  final int maxPendingAcquires;
  final Duration idleTimeout;
  final Duration nonIdempotentMaxIdle;
  final int maxResponseSize;

  ConnectionSettings(Builder b) {
    connectTimeout = b.connectTimeout;
    requestTimeout = b.requestTimeout;
    callTimeout = b.callTimeout;
    maxConnectionsPerEndpoint = b.maxConnectionsPerEndpoint;
    maxPendingAcquires = b.maxPendingAcquires;
    idleTimeout = b.idleTimeout;
    nonIdempotentMaxIdle = b.nonIdempotentMaxIdle;
    maxResponseSize = b.maxResponseSize;
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

  /** The {@code key=value} pairs of {@code toString()} for these keys, comma-separated. */
  String connectionString() {
    return "connectTimeout="
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
        + Durations.format(nonIdempotentMaxIdle);
  }

  /** Holds, sets and validates these keys for {@link HttpServiceConfig.Builder}. */
  abstract static sealed class Builder permits RetrySettings.Builder {
    Duration connectTimeout = Duration.ofSeconds(1);
    Duration requestTimeout = Duration.ofSeconds(10);
    @Nullable Duration callTimeout;
    int maxConnectionsPerEndpoint = 64;
    int maxPendingAcquires = 1024;
    Duration idleTimeout = Duration.ofSeconds(60);
    Duration nonIdempotentMaxIdle = Duration.ofSeconds(1);
    int maxResponseSize = 10 * 1024 * 1024;

    Builder() {}

    /** Copies these keys from {@code c} (for {@code toBuilder()}). */
    void copyConnection(ConnectionSettings c) {
      connectTimeout = c.connectTimeout;
      requestTimeout = c.requestTimeout;
      callTimeout = c.callTimeout;
      maxConnectionsPerEndpoint = c.maxConnectionsPerEndpoint;
      maxPendingAcquires = c.maxPendingAcquires;
      idleTimeout = c.idleTimeout;
      nonIdempotentMaxIdle = c.nonIdempotentMaxIdle;
      maxResponseSize = c.maxResponseSize;
    }

    /**
     * See {@link HttpServiceConfig#connectTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#connectTimeout()}
     * @return this builder
     */
    public HttpServiceConfig.Builder connectTimeout(Duration value) {
      connectTimeout = requireNonNull(value, "connectTimeout");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#requestTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#requestTimeout()}
     * @return this builder
     */
    public HttpServiceConfig.Builder requestTimeout(Duration value) {
      requestTimeout = requireNonNull(value, "requestTimeout");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#callTimeout()}; null removes it.
     *
     * @param value see {@link HttpServiceConfig#callTimeout()}; null removes it
     * @return this builder
     */
    public HttpServiceConfig.Builder callTimeout(@Nullable Duration value) {
      callTimeout = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#maxConnectionsPerEndpoint()}.
     *
     * @param value see {@link HttpServiceConfig#maxConnectionsPerEndpoint()}
     * @return this builder
     */
    public HttpServiceConfig.Builder maxConnectionsPerEndpoint(int value) {
      maxConnectionsPerEndpoint = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#maxPendingAcquires()}.
     *
     * @param value see {@link HttpServiceConfig#maxPendingAcquires()}
     * @return this builder
     */
    public HttpServiceConfig.Builder maxPendingAcquires(int value) {
      maxPendingAcquires = value;
      return self();
    }

    /**
     * See {@link HttpServiceConfig#idleTimeout()}.
     *
     * @param value see {@link HttpServiceConfig#idleTimeout()}
     * @return this builder
     */
    public HttpServiceConfig.Builder idleTimeout(Duration value) {
      idleTimeout = requireNonNull(value, "idleTimeout");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#nonIdempotentMaxIdle()}.
     *
     * @param value see {@link HttpServiceConfig#nonIdempotentMaxIdle()}
     * @return this builder
     */
    public HttpServiceConfig.Builder nonIdempotentMaxIdle(Duration value) {
      nonIdempotentMaxIdle = requireNonNull(value, "nonIdempotentMaxIdle");
      return self();
    }

    /**
     * See {@link HttpServiceConfig#maxResponseSize()}.
     *
     * @param value see {@link HttpServiceConfig#maxResponseSize()}
     * @return this builder
     */
    public HttpServiceConfig.Builder maxResponseSize(int value) {
      maxResponseSize = value;
      return self();
    }

    /** Adds a line per invalid key to {@code problems}, in the order the keys are listed. */
    void validateConnection(List<String> problems) {
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
    }

    /** {@return this builder as the public type, which is the only subclass} */
    final HttpServiceConfig.Builder self() {
      return (HttpServiceConfig.Builder) this;
    }

    static void positive(List<String> problems, String key, Duration d) {
      check(
          problems,
          !d.isNegative() && !d.isZero(),
          key,
          Durations.format(d),
          "a positive duration");
    }

    static void check(
        List<String> problems, boolean ok, String key, Object value, String expected) {
      if (!ok) {
        problems.add(key + ": " + value + " (expected: " + expected + ")");
      }
    }
  }
}
