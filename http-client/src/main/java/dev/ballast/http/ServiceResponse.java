package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.http.internal.ResponseHeaders;
import dev.ballast.lb.Endpoint;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response to a {@link ServiceRequest}: status, headers and the complete body, plus which
 * endpoint answered and how many attempts the call took. Any status is a response, 5xx included (a
 * 5xx is returned after retries are exhausted, never thrown). Immutable and thread-safe.
 */
public final class ServiceResponse {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Endpoint endpoint;
  private final int attempts;

  /**
   * A response; the client creates these, and tests or adapters may too.
   *
   * @param statusCode the HTTP status
   * @param headers header values by name; copied into an unmodifiable case-insensitive map
   * @param body the body (not copied)
   * @param endpoint the endpoint that answered
   * @param attempts attempts the call made (hedges included), at least 1
   */
  public ServiceResponse(
      int statusCode,
      Map<String, List<String>> headers,
      byte[] body,
      Endpoint endpoint,
      int attempts) {
    requireNonNull(headers, "headers");
    if (headers instanceof ResponseHeaders) {
      this.headers = headers; // the client's own, already immutable and case-insensitive
    } else {
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      this.headers = Collections.unmodifiableMap(copy);
    }
    this.statusCode = statusCode;
    this.body = requireNonNull(body, "body");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.attempts = attempts;
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /**
   * {@return the complete body; empty when there was none} The array is shared: do not modify it.
   */
  public byte[] body() {
    return body;
  }

  /** {@return the body decoded with the {@code charset} of {@code Content-Type}, else UTF-8} */
  public String bodyAsString() {
    return new String(body, charset());
  }

  private Charset charset() {
    Optional<String> type = header("Content-Type");
    if (type.isPresent()) {
      for (String part : type.get().split(";", -1)) {
        String p = part.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          try {
            return Charset.forName(p.substring(8).replace("\"", "").trim());
          } catch (RuntimeException e) {
            return StandardCharsets.UTF_8; // an unknown charset is the server's bug, not ours
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * {@return the first value of header {@code name} (case-insensitive); empty when absent}
   *
   * @param name the header name, in any case
   */
  public Optional<String> header(String name) {
    requireNonNull(name, "name");
    if (headers instanceof ResponseHeaders own) {
      return Optional.ofNullable(own.first(name));
    }
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** {@return every header, by case-insensitive name, values in received order; unmodifiable} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** {@return the endpoint that produced this response} */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * {@return how many attempts the call made, hedges included (1 when the first attempt answered)}
   */
  public int attempts() {
    return attempts;
  }

  @Override
  public String toString() {
    return "ServiceResponse["
        + statusCode
        + " from "
        + endpoint.id()
        + ", attempts="
        + attempts
        + "]";
  }
}
