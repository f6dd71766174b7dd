package dev.ballast.http;

import java.util.Properties;
import java.util.function.Function;

/**
 * Loaded by {@link NoMicrometerTest} in a class loader without Micrometer: builds a client from
 * properties for the given endpoint spec and returns the body of one GET.
 */
public final class NoMicrometerDriver implements Function<String, String> {
  @Override
  public String apply(String endpoints) {
    Properties p = new Properties();
    p.setProperty("ballast.http.services.plain.endpoints", endpoints);
    try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
      return client.send(ServiceRequest.get("plain", "/no-micrometer").build()).bodyAsString();
    }
  }
}
