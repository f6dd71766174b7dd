package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP call to a logical service: method, service name, path (with any query string), headers,
 * body, and per-call options. Immutable and thread-safe; one request may be sent many times.
 *
 * <pre>{@code
 * ServiceRequest r = ServiceRequest.post("orders", "/orders")
 *     .header("Content-Type", "application/json")
 *     .body("{\"sku\":42}")
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 *
 * <p>Whether a failed call may be retried depends on the method: {@code GET}, {@code HEAD}, {@code
 * OPTIONS}, {@code PUT} and {@code DELETE} are idempotent and retried after connection failures,
 * resets, timeouts and 502/503/504; any other method only when the request provably never left this
 * process.
 */
public final class ServiceRequest {
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final String service;
  private final String path;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final @Nullable Duration timeout;
  private final @Nullable String affinityKey;
  private final boolean idempotent;

  private ServiceRequest(Builder b) {
    this.method = b.method;
    this.service = b.service;
    this.path = b.path;
    this.headers = Collections.unmodifiableList(new ArrayList<>(b.headers));
    this.body = b.body;
    this.timeout = b.timeout;
    this.affinityKey = b.affinityKey;
    this.idempotent = IDEMPOTENT.contains(method);
  }

  /**
   * {@return a {@code GET} of {@code path} on {@code service}}
   *
   * @param service the name of the service to call (a configured service, not a host)
   * @param path the path and query, starting with {@code /}
   */
  public static Builder get(String service, String path) {
    return new Builder("GET", service, path);
  }

  /**
   * {@return a {@code POST} to {@code path} on {@code service}}
   *
   * @param service the name of the service to call (a configured service, not a host)
   * @param path the path and query, starting with {@code /}
   */
  public static Builder post(String service, String path) {
    return new Builder("POST", service, path);
  }

  /**
   * {@return a {@code PUT} to {@code path} on {@code service}}
   *
   * @param service the name of the service to call (a configured service, not a host)
   * @param path the path and query, starting with {@code /}
   */
  public static Builder put(String service, String path) {
    return new Builder("PUT", service, path);
  }

  /**
   * {@return a {@code DELETE} of {@code path} on {@code service}}
   *
   * @param service the name of the service to call (a configured service, not a host)
   * @param path the path and query, starting with {@code /}
   */
  public static Builder delete(String service, String path) {
    return new Builder("DELETE", service, path);
  }

  /**
   * {@return a {@code HEAD} of {@code path} on {@code service}}
   *
   * @param service the name of the service to call (a configured service, not a host)
   * @param path the path and query, starting with {@code /}
   */
  public static Builder head(String service, String path) {
    return new Builder("HEAD", service, path);
  }

  /**
   * {@return a request with any method (upper-cased, e.g. {@code PATCH} or {@code OPTIONS})}
   *
   * @param method an HTTP method token
   * @param service the logical service, as configured in the client
   * @param path the request target starting with {@code /}, including any query string
   */
  public static Builder builder(String method, String service, String path) {
    return new Builder(method, service, path);
  }

  /** {@return the method, upper case; never null} */
  public String method() {
    return method;
  }

  /** {@return the logical service name; never null} */
  public String service() {
    return service;
  }

  /** {@return the request target (path and query), starting with {@code /}; never null} */
  public String path() {
    return path;
  }

  /** {@return the headers in the order added (names as given); unmodifiable, never null} */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** {@return the body; empty when none} The array is shared: do not modify it. */
  public byte[] body() {
    return body;
  }

  /**
   * {@return this call's overall timeout (all attempts, backoff and hedges included), replacing the
   * service's {@code call-timeout}; empty to use the service's setting}
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** {@return the affinity key for {@code ring-hash} routing; empty when none} */
  public Optional<String> affinityKey() {
    return Optional.ofNullable(affinityKey);
  }

  /** {@return whether the method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE)} */
  public boolean isIdempotent() {
    return idempotent;
  }

  @Override
  public String toString() {
    return method + " " + service + path;
  }

  /** Builds a {@link ServiceRequest}; not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String service;
    private final String path;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>(4);
    private byte[] body = NO_BODY;
    private @Nullable Duration timeout;
    private @Nullable String affinityKey;

    private Builder(String method, String service, String path) {
      requireNonNull(method, "method");
      requireNonNull(service, "service");
      requireNonNull(path, "path");
      String m = method.trim().toUpperCase(Locale.ROOT);
      if (m.isEmpty()
          || !m.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
        throw new IllegalArgumentException(
            "method: '" + method + "' (expected: an HTTP method token)");
      }
      if (service.isBlank()) {
        throw new IllegalArgumentException("service: '' (expected: a configured service name)");
      }
      if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= 32 || c == 127)) {
        throw new IllegalArgumentException(
            "path: '" + path + "' (expected: starts with '/', no spaces or control characters)");
      }
      this.method = m;
      this.service = service;
      this.path = path;
    }

    /**
     * Adds a header; repeated names are sent as repeated headers. {@code Content-Length} is always
     * set by the client; {@code Host} defaults to the chosen endpoint's {@code host:port}.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (name.isBlank() || name.chars().anyMatch(c -> c <= 32 || c == ':' || c >= 127)) {
        throw new IllegalArgumentException("header name: '" + name + "' (expected: an HTTP token)");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            "header " + name + ": value with CR/LF (expected: a single-line value)");
      }
      headers.add(Map.entry(name, value));
      return this;
    }

    /**
     * Sets the body; the array is not copied, so do not modify it afterwards.
     *
     * @param value the body; the array is not copied, so do not modify it afterwards
     * @return this builder
     */
    public Builder body(byte[] value) {
      body = requireNonNull(value, "body");
      return this;
    }

    /**
     * Sets the body as UTF-8 text.
     *
     * @param value the body as UTF-8 text
     * @return this builder
     */
    public Builder body(String value) {
      body = requireNonNull(value, "body").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Bounds the whole call (all attempts, backoff and hedges) by {@code value}, replacing the
     * service's {@code call-timeout}; each attempt is still bounded by {@code request-timeout}.
     *
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration value) {
      requireNonNull(value, "timeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "timeout: " + value + " (expected: a positive duration)");
      }
      timeout = value;
      return this;
    }

    /**
     * Routes calls with equal keys to the same endpoint when the service uses {@code ring-hash}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder affinityKey(String value) {
      affinityKey = requireNonNull(value, "affinityKey");
      return this;
    }

    /**
     * Builds the immutable request.
     *
     * @return the request
     */
    public ServiceRequest build() {
      return new ServiceRequest(this);
    }
  }
}
