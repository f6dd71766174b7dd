package dev.ballast.http;

import static dev.ballast.http.TestSupport.CLIENT_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbEvent;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Strategy;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 §4: control-plane work — endpoint updates, health transitions, ejections, picker
 * rebuilds and the user's {@link LbEvent} listeners — never runs on the client's event loops, where
 * health results and call completions arrive, nor on the thread that submitted it.
 */
class ControlPlaneThreadTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("control").instances(3));

  private static Endpoint endpointOf(HttpInstance i) {
    return Endpoint.builder(i.host(), i.port()).id(i.id()).build();
  }

  @Test
  void listenersAndRebuildsNeverRunOnAnEventLoopOrTheSubmittingThread() {
    HttpInstance i1 = farm.instance("i1");
    HttpInstance i2 = farm.instance("i2");
    HttpInstance i3 = farm.instance("i3");
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(List.of(endpointOf(i1), endpointOf(i2), endpointOf(i3)));
    HttpServiceConfig config =
        HttpServiceConfig.builder()
            .healthCheckPath("/health")
            .retryMaxAttempts(1)
            .lb(
                LbConfig.builder()
                    .strategy(Strategy.ROUND_ROBIN)
                    .healthCheckInterval(Duration.ofMillis(100))
                    .healthyThreshold(1)
                    .unhealthyThreshold(1)
                    .outlierConsecutiveFailures(2)
                    .build())
            .build();
    Map<String, String> threadOf = new ConcurrentHashMap<>();
    List<LbEvent> events = new CopyOnWriteArrayList<>();
    try (BallastHttpClient client =
        BallastHttpClient.builder().service("svc", source, config).build()) {
      LoadBalancer lb = client.loadBalancer("svc");
      lb.addListener(
          e -> {
            events.add(e);
            threadOf.put(e.getClass().getSimpleName() + "#" + events.size(), name());
          });

      // Health transitions (results arrive on an event loop), and panic, which only a picker
      // rebuild enters and leaves: 1 of 3 healthy is below the 50 % threshold.
      i2.healthStatus(503);
      i3.healthStatus(503);
      await().atMost(Duration.ofSeconds(15)).until(lb::inPanic);
      i2.healthStatus(200);
      i3.healthStatus(200);
      await().atMost(Duration.ofSeconds(15)).until(() -> !lb.inPanic());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.stream().anyMatch(e -> e instanceof LbEvent.PanicLeft));

      // An ejection (failures are reported from the event loop that read the response).
      i1.respondWith(503);
      for (int i = 0; i < 12; i++) {
        try {
          client.send(ServiceRequest.get("svc", "/fail").build());
        } catch (BallastHttpException expected) {
          // 503 answers: counted as failures toward the ejection.
        }
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> events.stream().anyMatch(e -> e instanceof LbEvent.EndpointEjected));

      // A listener registered from this thread gets the current state (i1 ejected) replayed on
      // the control thread, not here.
      Map<String, String> lateThreads = new ConcurrentHashMap<>();
      lb.addListener(e -> lateThreads.put(e.getClass().getSimpleName(), name()));
      lb.flush().join();
      assertThat(lateThreads).containsKey("EndpointEjected");
      assertThat(lateThreads.values()).allMatch(n -> n.startsWith("ballast-http-control-"));

      // An endpoint update from this thread: flush() waits until it is applied.
      source.update(List.of(endpointOf(i2), endpointOf(i3)));
      lb.flush().join();
      assertThat(lb.endpoints()).hasSize(2);
    }

    assertThat(events)
        .as("events seen")
        .anyMatch(e -> e instanceof LbEvent.HealthChanged)
        .anyMatch(e -> e instanceof LbEvent.PanicEntered)
        .anyMatch(e -> e instanceof LbEvent.PanicLeft)
        .anyMatch(e -> e instanceof LbEvent.EndpointEjected);
    assertThat(threadOf.values().stream().filter(n -> CLIENT_THREAD.matcher(n).matches()))
        .as("listener calls on an event loop, by event: %s", threadOf)
        .isEmpty();
    assertThat(threadOf.values().stream().collect(Collectors.toSet()))
        .as("threads that ran listeners")
        .allMatch(n -> n.startsWith("ballast-http-control-"));
  }

  private static String name() {
    return Thread.currentThread().getName();
  }
}
