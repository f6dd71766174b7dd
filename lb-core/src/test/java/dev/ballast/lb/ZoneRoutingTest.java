package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static dev.ballast.lb.LbFixtures.pickCounts;
import static dev.ballast.lb.LbFixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ZoneRoutingTest {
  private static final int PICKS = 100_000;
  private final ManualClock clock = new ManualClock();

  private LoadBalancer lb(LbConfig config, List<Endpoint> endpoints, HealthProbe probe) {
    return LoadBalancer.builder("orders")
        .config(config)
        .endpoints(endpoints)
        .ticker(clock)
        .scheduler(clock)
        .random(RandomSource.seeded(42))
        .healthProbe(probe)
        .build();
  }

  private static LbConfig zoneA() {
    return LbConfig.builder()
        .strategy(Strategy.ROUND_ROBIN)
        .localZone("a")
        .healthCheckInterval(java.time.Duration.ofSeconds(1))
        .healthyThreshold(1)
        .unhealthyThreshold(1)
        .build();
  }

  private static HealthProbe unhealthy(Set<String> ids) {
    return e -> CompletableFuture.completedFuture(!ids.contains(e.id()));
  }

  private static Map<String, Integer> perZone(int a, int b, int c) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("c", c);
    return m;
  }

  @Test
  void keepsAllTrafficLocalWhenEveryLocalEndpointIsHealthy() {
    try (LoadBalancer lb = lb(zoneA(), endpoints(perZone(3, 3, 3)), unhealthy(Set.of()))) {
      clock.advance(2, TimeUnit.SECONDS);
      Map<String, Integer> counts = pickCounts(lb, PICKS, Endpoint::zone);
      assertThat(share(counts, "a", PICKS)).isEqualTo(1.0);
    }
  }

  @Test
  void spillsToRemoteZonesWhenLocalBelowOverprovisionedHealth() {
    try (LoadBalancer lb = lb(zoneA(), endpoints(perZone(3, 3, 3)), unhealthy(Set.of("a3")))) {
      clock.advance(2, TimeUnit.SECONDS);
      Map<String, Integer> counts = pickCounts(lb, PICKS, Endpoint::zone);
      // 1.4 × 2/3 = 93.3 % local; tolerance ±2 % over 100 000 seeded picks.
      assertThat(share(counts, "a", PICKS)).isCloseTo(0.9333, within(0.02));
      assertThat(share(counts, "b", PICKS)).isCloseTo(0.0333, within(0.02));
      assertThat(counts).doesNotContainKey("<none>");
    }
  }

  @Test
  void sendsNothingLocalWhenNoLocalEndpointIsHealthy() {
    try (LoadBalancer lb =
        lb(zoneA(), endpoints(perZone(2, 2, 2)), unhealthy(Set.of("a1", "a2")))) {
      clock.advance(2, TimeUnit.SECONDS);
      Map<String, Integer> counts = pickCounts(lb, PICKS, Endpoint::zone);
      assertThat(counts.getOrDefault("a", 0)).isZero();
      assertThat(share(counts, "b", PICKS)).isCloseTo(0.5, within(0.02));
    }
  }

  @Test
  void reproducesEnvoysCallerSharesExample() {
    // Callers 40/40/20, upstream 25/50/25 (1, 2, 1 of 4 endpoints): Envoy documents 62.5 % local
    // and the residual split 2:1 between b and c.
    LbConfig config =
        zoneA().toBuilder().callerShares(Map.of("a", 40.0, "b", 40.0, "c", 20.0)).build();
    try (LoadBalancer lb = lb(config, endpoints(perZone(1, 2, 1)), unhealthy(Set.of()))) {
      clock.advance(2, TimeUnit.SECONDS);
      Map<String, Integer> counts = pickCounts(lb, PICKS, Endpoint::zone);
      assertThat(share(counts, "a", PICKS)).isCloseTo(0.625, within(0.02));
      assertThat(share(counts, "b", PICKS)).isCloseTo(0.25, within(0.02));
      assertThat(share(counts, "c", PICKS)).isCloseTo(0.125, within(0.02));
    }
  }

  @Test
  void routesZoneAgnosticallyWithoutALocalZone() {
    LbConfig config = LbConfig.builder().strategy(Strategy.ROUND_ROBIN).build();
    try (LoadBalancer lb = lb(config, endpoints(perZone(1, 1, 1)), unhealthy(Set.of()))) {
      Map<String, Integer> counts = pickCounts(lb, 30_000, Endpoint::zone);
      assertThat(share(counts, "a", 30_000)).isCloseTo(1 / 3.0, within(0.01));
      assertThat(share(counts, "c", 30_000)).isCloseTo(1 / 3.0, within(0.01));
      assertThat(lb.pick().isLocal()).isFalse();
    }
  }

  @Test
  void marksLocalPicks() {
    try (LoadBalancer lb = lb(zoneA(), endpoints(perZone(1, 1, 0)), unhealthy(Set.of()))) {
      Pick p = lb.pick();
      assertThat(p.endpoint().zone()).isEqualTo("a");
      assertThat(p.isLocal()).isTrue();
      p.complete(Outcome.SUCCESS, 1);
    }
  }

  @Test
  void aReturningLocalZoneTakesItsShareBackOverTheSlowStartWindow() {
    Set<String> down = new java.util.HashSet<>(Set.of("a1", "a2"));
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.ROUND_ROBIN)
            .localZone("a")
            .healthCheckInterval(java.time.Duration.ofSeconds(1))
            .healthyThreshold(1)
            .unhealthyThreshold(1)
            .slowStartWindow(java.time.Duration.ofSeconds(10))
            .build();
    try (LoadBalancer lb =
        lb(
            config,
            endpoints(perZone(2, 2, 2)),
            e -> CompletableFuture.completedFuture(!down.contains(e.id())))) {
      clock.advance(2, TimeUnit.SECONDS);
      assertThat(lb.localShare()).isZero();

      down.clear();
      clock.advance(2, TimeUnit.SECONDS); // the next probe round passes: zone a is back
      // Both endpoints at the slow-start floor (0.1): 1.4 × 0.1, not the whole traffic at once.
      assertThat(lb.localShare()).isLessThan(0.35);
      Map<String, Integer> counts = pickCounts(lb, PICKS, Endpoint::zone);
      assertThat(share(counts, "a", PICKS)).isCloseTo(lb.localShare(), within(0.02));

      clock.advance(4, TimeUnit.SECONDS); // about halfway through the window
      assertThat(lb.localShare()).isBetween(0.35, 0.95);

      clock.advance(10, TimeUnit.SECONDS); // ramp over
      assertThat(lb.localShare()).isEqualTo(1.0);
    }
  }
}
