package dev.ballast.http;

import java.util.Properties;
import java.util.function.Function;

/**
 * Loaded by {@link NoMicrometerTest} in a class loader without Micrometer: builds a client from
 * properties (with a bulkhead and a circuit breaker) for the given endpoint spec and returns the
 * body of one GET.
 */
public final class NoMicrometerDriver implements Function<String, String> {
  @Override
  public String apply(String endpoints) {
    Properties p = new Properties();
    p.setProperty("ballast.http.services.plain.endpoints", endpoints);
    // Resilience4j's bulkhead and breaker need no Micrometer either.
    p.setProperty("ballast.http.services.plain.bulkhead.max-concurrent-calls", "4");
    p.setProperty("ballast.http.services.plain.circuit-breaker.failure-rate-threshold", "50");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
      return client.send(ServiceRequest.get("plain", "/no-micrometer").build()).bodyAsString();
    }
  }
}
