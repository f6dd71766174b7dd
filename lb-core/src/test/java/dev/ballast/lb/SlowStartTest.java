package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static dev.ballast.lb.LbFixtures.pickCounts;
import static dev.ballast.lb.LbFixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlowStartTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void rampsANewEndpointsWeightOverTheWindow() {
    DynamicEndpointSource source = EndpointSource.dynamic();
    List<Endpoint> initial = endpoints(Map.of("a", 3));
    source.update(initial);
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.WEIGHTED_ROUND_ROBIN)
            .slowStartWindow(Duration.ofSeconds(10))
            .build();
    try (LoadBalancer lb =
        LoadBalancer.builder("orders")
            .config(config)
            .source(source)
            .ticker(clock)
            .scheduler(clock)
            .random(RandomSource.seeded(3))
            .build()) {
      List<Endpoint> next = new ArrayList<>(initial);
      Endpoint fresh = Endpoint.builder("127.0.0.1", 9100).id("new").zone("a").build();
      next.add(fresh);
      source.update(next);

      // Just added: weight floor 0.1 → 0.1 / 3.1 of traffic.
      assertThat(share(pickCounts(lb, 31_000, Endpoint::id), "new", 31_000))
          .isCloseTo(0.1 / 3.1, within(0.01));
      clock.advance(5, TimeUnit.SECONDS); // halfway: weight 0.5
      assertThat(share(pickCounts(lb, 35_000, Endpoint::id), "new", 35_000))
          .isCloseTo(0.5 / 3.5, within(0.01));
      clock.advance(6, TimeUnit.SECONDS); // ramp over
      assertThat(share(pickCounts(lb, 40_000, Endpoint::id), "new", 40_000))
          .isCloseTo(0.25, within(0.01));
      assertThat(clock.pendingTasks()).isZero();
    }
  }

  @Test
  void scalingOutAHealthyLocalZoneKeepsItsTrafficLocalWhileTheNewInstancesRamp() {
    Map<String, Integer> perZone = new java.util.LinkedHashMap<>();
    perZone.put("a", 3);
    perZone.put("b", 3);
    List<Endpoint> initial = endpoints(perZone);
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(initial);
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.WEIGHTED_ROUND_ROBIN)
            .localZone("a")
            .slowStartWindow(Duration.ofSeconds(4))
            .build();
    try (LoadBalancer lb =
        LoadBalancer.builder("orders")
            .config(config)
            .source(source)
            .ticker(clock)
            .scheduler(clock)
            .random(RandomSource.seeded(5))
            .build()) {
      assertThat(lb.localShare()).isEqualTo(1.0);
      List<Endpoint> next = new ArrayList<>(initial);
      next.add(Endpoint.builder("127.0.0.1", 9100).id("a-new1").zone("a").build());
      next.add(Endpoint.builder("127.0.0.1", 9101).id("a-new2").zone("a").build());
      source.update(next);

      // Every 100 ms through the 4 s window and past it: the zone's share never drops, only the
      // split inside it follows the ramp.
      for (int step = 0; step <= 45; step++) {
        assertThat(lb.localShare()).as("local share at %d ms", step * 100).isGreaterThan(0.99);
        Map<String, Integer> counts = pickCounts(lb, 1000, Endpoint::zone);
        assertThat(share(counts, "a", 1000))
            .as("picks in zone a at %d ms", step * 100)
            .isGreaterThanOrEqualTo(0.99);
        clock.advance(100, TimeUnit.MILLISECONDS);
      }
      // The ramp did shape the split inside the zone: at the end the new ones have a full share.
      Map<String, Integer> byId = pickCounts(lb, 5000, Endpoint::id);
      assertThat(share(byId, "a-new1", 5000)).isCloseTo(0.2, within(0.01));
    }
  }

  @Test
  void initialEndpointsDoNotRamp() {
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.ROUND_ROBIN)
            .slowStartWindow(Duration.ofSeconds(10))
            .build();
    try (LoadBalancer lb =
        LoadBalancer.builder("orders")
            .config(config)
            .endpoints(endpoints(Map.of("a", 2)))
            .ticker(clock)
            .scheduler(clock)
            .build()) {
      assertThat(lb.endpoints()).allSatisfy(s -> assertThat(s.weightFactor()).isEqualTo(1.0));
    }
  }
}
