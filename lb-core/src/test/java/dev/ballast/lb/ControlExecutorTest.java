package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A load balancer whose control plane runs on an executor of its owner's (issue 12 §4). */
class ControlExecutorTest {
  private final ExecutorService control =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "lb-control"));
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void stop() {
    control.shutdownNow();
  }

  @Test
  void buildAppliesTheFirstSetAndLaterChangesRunOnTheExecutor() throws Exception {
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(endpoints(Map.of("a", 2)));
    Set<String> failing = ConcurrentHashMap.newKeySet();
    Map<String, String> listenerThreads = new ConcurrentHashMap<>();
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.ROUND_ROBIN)
            .healthCheckInterval(Duration.ofSeconds(1))
            .healthCheckJitter(0)
            .unhealthyThreshold(1)
            .panicThresholdPercent(0)
            .build();
    try (LoadBalancer lb =
        LoadBalancer.builder("orders")
            .config(config)
            .source(source)
            .ticker(clock)
            .scheduler(clock)
            .controlExecutor(control)
            .healthProbe(e -> CompletableFuture.completedFuture(!failing.contains(e.id())))
            .listener(e -> listenerThreads.put(e.getClass().getSimpleName(), threadName()))
            .build()) {
      assertThat(lb.endpoints()).as("the source's set, applied before build() returned").hasSize(2);
      Pick first = lb.pick();
      assertThat(first.isPresent()).isTrue();
      first.complete(Outcome.SUCCESS, 1);

      // A health result (here delivered by this test's thread through the fake clock) is applied
      // on the executor; flush() waits for it.
      failing.add("a1");
      clock.advance(10, TimeUnit.MILLISECONDS);
      // The probe task queued by the clock submits its result when it runs, after this flush was
      // queued: a second flush, submitted once the first is done, comes after that result.
      lb.flush().get(30, TimeUnit.SECONDS);
      lb.flush().get(30, TimeUnit.SECONDS);
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.UNHEALTHY);
      assertThat(listenerThreads).containsEntry("HealthChanged", "lb-control");

      source.update(endpoints(Map.of("a", 3)));
      lb.flush().get(30, TimeUnit.SECONDS);
      assertThat(lb.endpoints()).hasSize(3);
      assertThat(listenerThreads.values()).containsOnly("lb-control");
    }
  }

  private static String threadName() {
    return Thread.currentThread().getName();
  }
}
