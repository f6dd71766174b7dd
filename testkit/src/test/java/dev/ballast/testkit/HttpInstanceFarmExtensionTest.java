package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What one test does to the shared farm is gone in the next; the farm itself is kept. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpInstanceFarmExtensionTest {

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder().name("ext").instances(2).zones("a", "b"));

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpInstanceFarm firstFarm;
  private static int firstPort;

  @Test
  @Order(1)
  void injectFaults(HttpInstanceFarm injected) throws Exception {
    firstFarm = injected;
    assertThat(injected).isSameAs(farm.farm());
    HttpInstance a1 = farm.instance("a1");
    firstPort = a1.port();
    assertThat(get(a1).statusCode()).isEqualTo(200);
    a1.respondWith(503).healthStatus(500);
    assertThat(get(a1).statusCode()).isEqualTo(503);
    a1.latency(Duration.ofSeconds(10));
    farm.instance("b1").stop();
    assertThat(a1.requestCount()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void theNextTestGetsTheSameFarmAsNew(HttpInstanceFarm injected) throws Exception {
    assertThat(injected).isSameAs(firstFarm);
    HttpInstance a1 = farm.instance("a1");
    HttpInstance b1 = farm.instance("b1");
    assertThat(a1.port()).isEqualTo(firstPort);
    assertThat(a1.requestCount()).isZero();
    assertThat(a1.requestLog()).isEmpty();
    assertThat(b1.isRunning()).isTrue();

    long t0 = System.nanoTime();
    assertThat(get(a1).statusCode()).isEqualTo(200);
    // the 10 s latency of the previous test is gone (a loaded machine adds well under 5 s)
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(get(b1).statusCode()).isEqualTo(200);
    HttpResponse<String> health =
        CLIENT.send(
            HttpRequest.newBuilder(a1.uri().resolve(farm.farm().healthPath())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> get(HttpInstance instance) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(instance.uri() + "/x"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
