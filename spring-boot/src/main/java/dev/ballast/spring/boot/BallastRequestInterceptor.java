package dev.ballast.spring.boot;

import static java.util.Objects.requireNonNull;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends a {@code RestClient} / {@code RestTemplate} request whose host is a configured service name
 * ({@code http://orders/api/items}) through {@link BallastHttpClient}, which picks the instance
 * (zone-aware, health-checked) and retries idempotent calls on another one; a request to any other
 * host, or one with an explicit port, goes on unchanged to the next interceptor or the request
 * factory. The {@code Host} and {@code Content-Length} headers are set by Ballast; every other
 * header and the body are sent as given. A call that produced no response throws an {@link
 * IOException} (Spring turns it into a {@code ResourceAccessException}). Thread-safe.
 */
public final class BallastRequestInterceptor implements ClientHttpRequestInterceptor {
  private final BallastHttpClient client;
  private final Set<String> services;

  /**
   * An interceptor for the services {@code client} knows.
   *
   * @param client the client that sends requests to configured services
   */
  public BallastRequestInterceptor(BallastHttpClient client) {
    this.client = requireNonNull(client, "client");
    this.services = Set.copyOf(client.services());
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    URI uri = request.getURI();
    String host = uri.getHost();
    if (host == null || uri.getPort() != -1 || !services.contains(host)) {
      return execution.execute(request, body);
    }
    ServiceRequest.Builder call =
        ServiceRequest.builder(request.getMethod().name(), host, pathAndQuery(uri));
    request
        .getHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("host") && !lower.equals("content-length")) {
                values.forEach(v -> call.header(name, v));
              }
            });
    call.body(body);
    ServiceResponse response;
    try {
      response = client.send(call.build());
    } catch (BallastHttpException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new ServiceClientHttpResponse(response);
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath();
    String result = path == null || path.isEmpty() ? "/" : path;
    String query = uri.getRawQuery();
    return query == null ? result : result + "?" + query;
  }
}
