package dev.ballast.eureka;

import dev.ballast.testkit.HttpInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Registers and removes instances through Eureka's REST API, the way a non-Java service (or a
 * sidecar) does: lighter than one Eureka-client application context per instance.
 */
final class EurekaRestApi {
  /** Long enough that no lease expires during the class, so no heartbeats need sending. */
  private static final int LEASE_SECONDS = 600;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  EurekaRestApi(int port) {
    this.base = "http://127.0.0.1:" + port + "/eureka/apps/";
  }

  /** Registers {@code instance} as UP under {@code app}, with its zone in the metadata. */
  void register(String app, HttpInstance instance) {
    String json =
        """
        {"instance": {
          "instanceId": "%s", "app": "%s", "hostName": "127.0.0.1", "ipAddr": "127.0.0.1",
          "vipAddress": "%s", "status": "UP",
          "port": {"$": %d, "@enabled": "true"}, "securePort": {"$": 443, "@enabled": "false"},
          "dataCenterInfo": {
            "@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"},
          "leaseInfo": {"renewalIntervalInSecs": 30, "durationInSecs": %d},
          "metadata": {"zone": "%s"}
        }}
        """
            .formatted(
                instance.id(),
                app,
                app.toLowerCase(java.util.Locale.ROOT),
                instance.port(),
                LEASE_SECONDS,
                instance.zone());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + app))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    expect(204, request);
  }

  /** Cancels {@code instanceId}'s lease, as an instance does when it shuts down cleanly. */
  void deregister(String app, String instanceId) {
    expect(200, HttpRequest.newBuilder(URI.create(base + app + "/" + instanceId)).DELETE().build());
  }

  /** Whether Eureka currently lists {@code instanceId} under {@code app}. */
  boolean isRegistered(String app, String instanceId) {
    return send(HttpRequest.newBuilder(URI.create(base + app + "/" + instanceId)).GET().build())
            .statusCode()
        == 200;
  }

  private void expect(int status, HttpRequest request) {
    HttpResponse<String> response = send(request);
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + ": "
              + response.statusCode()
              + " (expected: "
              + status
              + ") "
              + response.body());
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri(), e);
    }
  }
}
