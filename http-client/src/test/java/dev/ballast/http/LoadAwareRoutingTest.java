package dev.ballast.http;

import static dev.ballast.http.TestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Latency-aware and affinity routing against four real instances. */
class LoadAwareRoutingTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("load").instances(4));

  @Test
  void peakEwmaStarvesTheSlowInstance() throws Exception {
    // The scenario: one of four instances 200 ms slower than the others.
    HttpInstance slow = farm.instance("i2").latency(Duration.ofMillis(200));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service("orders", farm, "ballast.http.services.orders.strategy", "peak-ewma"))) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    assertThat(
                            client.send(ServiceRequest.get("orders", "/ewma").build()).statusCode())
                        .isEqualTo(200);
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "[measured] peak-ewma, one instance +200ms: it served %d of %d GETs%n",
        slow.requestCount(), farm.farm().totalRequests());
    assertThat(farm.farm().totalRequests()).isEqualTo(400);
    assertThat(slow.requestCount()).isLessThanOrEqualTo(20);
  }

  @Test
  void ringHashKeepsAnAffinityKeyOnOneInstance() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            service("orders", farm, "ballast.http.services.orders.strategy", "ring-hash"))) {
      Set<String> forKey = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        forKey.add(
            client
                .send(ServiceRequest.get("orders", "/cart").affinityKey("user-42").build())
                .bodyAsString());
      }
      assertThat(forKey).hasSize(1);
      Set<String> acrossKeys = new HashSet<>();
      for (int k = 0; k < 40; k++) {
        acrossKeys.add(
            client
                .send(ServiceRequest.get("orders", "/cart").affinityKey("user-" + k).build())
                .bodyAsString());
      }
      assertThat(acrossKeys).hasSizeGreaterThanOrEqualTo(3);
    }
  }
}
