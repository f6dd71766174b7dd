package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ballast's meters share one Prometheus registry with Spring Boot's {@code http.client.requests}.
 * Prometheus requires every meter of a name to have the same tag keys, so a Ballast timer of that
 * name (tags service, method, status, outcome, zone) would be refused beside Spring's.
 */
class PrometheusCoexistenceTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("prom").instances(2));

  @Test
  void ballastMetersAndSpringBootsHttpClientRequestsScrapeFromOneRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<Throwable> refused = new ArrayList<>();
    registry.config().onMeterRegistrationFailed((id, why) -> refused.add(new Exception(why)));
    // What Spring Boot's RestClient/RestTemplate observation registers, with its tag keys.
    Timer spring =
        Timer.builder("http.client.requests")
            .tags(
                "client.name", "orders.internal",
                "error", "none",
                "exception", "none",
                "method", "GET",
                "outcome", "SUCCESS",
                "status", "200",
                "uri", "/orders/{id}")
            .register(registry);
    spring.record(Duration.ofMillis(3));

    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(service("orders", farm), registry)) {
      for (int i = 0; i < 10; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/o/" + i).build()).statusCode())
            .isEqualTo(200);
      }
      String scrape = registry.scrape();

      assertThat(refused).as("meters refused by the registry").isEmpty();
      assertThat(scrape)
          .contains("http_client_requests_seconds_count{client_name=\"orders.internal\"")
          .containsPattern(
              "ballast_http_client_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\","
                  + "service=\"orders\",status=\"200\",zone=\"remote\"} 10");
      assertThat(registry.get("ballast.http.client.requests").timer().count()).isEqualTo(10);
      assertThat(scrape).contains("ballast_lb_endpoints");
    }
  }
}
