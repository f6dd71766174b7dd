package dev.ballast.spring.boot;

import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.jdbc.ConsistencyToken;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Session consistency for a caller of Ballast services: remembers the {@code Ballast-Consistency}
 * positions that responses returned (the highest per database) and sends them on every later call,
 * so that the caller reads its own writes whichever instance, or whichever service sharing that
 * database, serves the read. Services ignore entries of databases they do not use, so one session
 * serves every service. A BFF keeps one per end-user session; a batch job one per job.
 *
 * <p>Use as a {@code RestClient} interceptor ({@code builder.requestInterceptor(session)}), or with
 * {@code BallastHttpClient}: {@link #apply(ServiceRequest.Builder)} before sending, {@link
 * #remember(ServiceResponse)} after. Thread-safe; the positions only grow.
 */
public final class ConsistencySession implements ClientHttpRequestInterceptor {
  private final Map<String, ConsistencyToken> tokens = new TreeMap<>();

  /** {@return the header value to send; empty when nothing was written in this session yet} */
  public synchronized String header() {
    return ConsistencyHeader.format(tokens);
  }

  /**
   * Merges the positions of a {@code Ballast-Consistency} header value into the session.
   *
   * @param headerValue the value of a {@code Ballast-Consistency} header
   */
  public synchronized void remember(String headerValue) {
    ConsistencyHeader.parse(List.of(headerValue))
        .forEach((db, token) -> tokens.merge(db, token, ConsistencyToken::max));
  }

  /**
   * Merges the positions {@code response} returned, if any.
   *
   * @param response a response from a service; its {@code Ballast-Consistency} header, if any, is
   *     remembered
   */
  public void remember(ServiceResponse response) {
    response.header(ConsistencyHeader.NAME).ifPresent(this::remember);
  }

  /**
   * Adds the session's header to {@code request} (when it has positions); returns it.
   *
   * @param request the request builder to add the header to
   * @return {@code request}
   */
  public ServiceRequest.Builder apply(ServiceRequest.Builder request) {
    String header = header();
    return header.isEmpty() ? request : request.header(ConsistencyHeader.NAME, header);
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    String header = header();
    if (!header.isEmpty()) {
      request.getHeaders().set(ConsistencyHeader.NAME, header);
    }
    ClientHttpResponse response = execution.execute(request, body);
    List<String> returned = response.getHeaders().get(ConsistencyHeader.NAME);
    if (returned != null) {
      returned.forEach(this::remember);
    }
    return response;
  }

  @Override
  public synchronized String toString() {
    return "ConsistencySession[" + header() + "]";
  }
}
