package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static dev.ballast.lb.LbFixtures.pickCounts;
import static dev.ballast.lb.LbFixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/**
 * Panic and zones together (issue 12 §1): in panic every endpoint counts as usable, so the zone
 * layer must not keep all traffic in a local zone that is the one failing.
 */
class PanicTest {
  private final ManualClock clock = new ManualClock();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final List<LbEvent> events = new ArrayList<>();

  /** Zone a: four instances; zones b and c: one each. Local zone a, default panic threshold. */
  private LoadBalancer lb() {
    Map<String, Integer> perZone = new LinkedHashMap<>();
    perZone.put("a", 4);
    perZone.put("b", 1);
    perZone.put("c", 1);
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.ROUND_ROBIN)
            .localZone("a")
            .healthCheckInterval(Duration.ofMillis(200))
            .healthyThreshold(1)
            .unhealthyThreshold(1)
            .build();
    assertThat(config.panicThresholdPercent()).isEqualTo(50);
    return LoadBalancer.builder("orders")
        .config(config)
        .endpoints(endpoints(perZone))
        .ticker(clock)
        .scheduler(clock)
        .random(RandomSource.seeded(12))
        .listener(events::add)
        .healthProbe(e -> CompletableFuture.completedFuture(!failing.contains(e.id())))
        .build();
  }

  @Test
  void panicBalancesOverEveryZoneInsteadOfStrandingTrafficInTheFailingLocalZone() {
    failing.addAll(Set.of("a1", "a2", "a3", "a4"));
    try (LoadBalancer lb = lb()) {
      clock.advance(1, TimeUnit.SECONDS); // several probe rounds: a1..a4 unhealthy
      assertThat(lb.inPanic()).as("2 of 6 usable is below the 50 %% threshold").isTrue();

      // Round robin over all six endpoints, as Envoy balances a cluster in panic.
      Map<String, Integer> counts = pickCounts(lb, 300, Endpoint::id);
      assertThat(counts)
          .as("picks per endpoint in panic")
          .containsOnlyKeys("a1", "a2", "a3", "a4", "b1", "c1");
      assertThat(counts.get("b1")).as("picks of the healthy b1 (300 / 6)").isEqualTo(50);
      assertThat(counts.get("c1")).as("picks of the healthy c1 (300 / 6)").isEqualTo(50);
      assertThat(lb.localShare())
          .as("zone a's share of the fleet")
          .isCloseTo(4 / 6.0, within(1e-9));
    }
  }

  @Test
  void leavingPanicTurnsZoneRoutingBackOn() {
    failing.addAll(Set.of("a1", "a2", "a3", "a4"));
    try (LoadBalancer lb = lb()) {
      clock.advance(1, TimeUnit.SECONDS);
      assertThat(lb.inPanic()).isTrue();

      // Two of zone a come back: 4 of 6 usable, out of panic. Zone a is 2/4 healthy: 1.4 × 50 %
      // = 70 % stays local (remote zones fully healthy), the rest splits over b and c.
      failing.removeAll(Set.of("a1", "a2"));
      clock.advance(1, TimeUnit.SECONDS);
      assertThat(lb.inPanic()).isFalse();
      assertThat(events).anyMatch(e -> e instanceof LbEvent.PanicLeft);
      int picks = 20_000;
      Map<String, Integer> partly = pickCounts(lb, picks, Endpoint::zone);
      // ±2 % over 20 000 seeded picks.
      assertThat(share(partly, "a", picks)).isCloseTo(0.70, within(0.02));
      assertThat(share(partly, "b", picks)).isCloseTo(0.15, within(0.02));
      assertThat(pickCounts(lb, 400, Endpoint::id)).doesNotContainKeys("a3", "a4");

      // The whole zone back: everything local again.
      failing.clear();
      clock.advance(1, TimeUnit.SECONDS);
      assertThat(pickCounts(lb, 300, Endpoint::zone)).containsOnlyKeys("a");
      assertThat(lb.localShare()).isEqualTo(1.0);
    }
  }
}
