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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
  private final Supplier<BallastHttpClient> clientSupplier;
  private final Set<String> services;
  private volatile @Nullable BallastHttpClient client;

  /**
   * An interceptor for the services {@code client} knows.
   *
   * @param client the client that sends requests to configured services
   */
  public BallastRequestInterceptor(BallastHttpClient client) {
    requireNonNull(client, "client");
    this.services = Set.copyOf(client.services());
    this.clientSupplier = () -> client;
    this.client = client;
  }

  /**
   * An interceptor for {@code services} whose client is asked for only when the first request to
   * one of them is sent. Requests to other hosts never touch it, so the interceptor can be built
   * while the client is itself still being built: a discovery source whose first read goes through
   * a {@code RestClient} (Spring Cloud Netflix's Eureka client does) would otherwise wait for the
   * client it is feeding.
   *
   * @param services the configured service names, the hosts this interceptor takes
   * @param client gives the client on the first request to a service; called at most until it
   *     returns once
   */
  public BallastRequestInterceptor(Set<String> services, Supplier<BallastHttpClient> client) {
    this.services = Set.copyOf(requireNonNull(services, "services"));
    this.clientSupplier = requireNonNull(client, "client");
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
      response = client().send(call.build());
    } catch (BallastHttpException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new ServiceClientHttpResponse(response);
  }

  private BallastHttpClient client() {
    BallastHttpClient c = client;
    if (c == null) {
      c = requireNonNull(clientSupplier.get(), "client");
      client = c;
    }
    return c;
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath();
    String result = path == null || path.isEmpty() ? "/" : path;
    String query = uri.getRawQuery();
    return query == null ? result : result + "?" + query;
  }
}
