package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LbMetricsTest {
  private final ManualClock clock = new ManualClock();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final List<LbEvent> events = new ArrayList<>();

  private LoadBalancer lb() {
    Map<String, Integer> zones = new LinkedHashMap<>();
    zones.put("a", 2);
    zones.put("b", 2);
    return LoadBalancer.builder("orders")
        .config(
            LbConfig.builder()
                .strategy(Strategy.ROUND_ROBIN)
                .localZone("a")
                .healthCheckInterval(Duration.ofSeconds(1))
                .healthCheckJitter(0)
                .unhealthyThreshold(1)
                .healthyThreshold(1)
                .outlierConsecutiveFailures(2)
                .build())
        .endpoints(endpoints(zones))
        .ticker(clock)
        .scheduler(clock)
        .random(RandomSource.seeded(11))
        .listener(events::add)
        .healthProbe(e -> CompletableFuture.completedFuture(!failing.contains(e.id())))
        .build();
  }

  @Test
  void countsPicksByLocalityEndpointsByStateEjectionsAndRemovesMetersOnClose() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LoadBalancer lb = lb();
        LbMetrics metrics = new LbMetrics(lb)) {
      metrics.bindTo(registry);
      for (int i = 0; i < 10; i++) {
        lb.pick().complete(Outcome.SUCCESS, 1);
      }
      assertThat(registry.get("ballast.lb.picks").tag("zone", "local").functionCounter().count())
          .isEqualTo(10);
      assertThat(registry.get("ballast.lb.picks").tag("zone", "remote").functionCounter().count())
          .isZero();
      assertThat(registry.get("ballast.lb.endpoints").tag("state", "healthy").gauge().value())
          .isEqualTo(4);

      failing.add("a1");
      clock.advance(10, TimeUnit.MILLISECONDS);
      assertThat(registry.get("ballast.lb.endpoints").tag("state", "unhealthy").gauge().value())
          .isEqualTo(1);
      // 1.4 × 1/2 = 70 % local: the spill is reported as an event and a gauge.
      assertThat(registry.get("ballast.lb.local.share").gauge().value())
          .isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(events).contains(new LbEvent.ZoneSpillChanged("orders", 100.0, 70.0 + 1e-12 * 0));

      Pick p = lb.pick();
      while (!p.endpoint().id().equals("a2")) {
        p.complete(Outcome.SUCCESS, 1);
        p = lb.pick();
      }
      p.complete(Outcome.FAILURE, 1);
      p = lb.pick();
      while (!p.endpoint().id().equals("a2")) {
        p.complete(Outcome.SUCCESS, 1);
        p = lb.pick();
      }
      p.complete(Outcome.FAILURE, 1);
      assertThat(registry.get("ballast.lb.ejections").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("ballast.lb.panic").gauge().value()).isZero();

      metrics.close();
      assertThat(registry.getMeters()).isEmpty();
    }
  }
}
