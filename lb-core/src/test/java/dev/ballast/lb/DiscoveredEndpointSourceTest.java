package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.pickCounts;
import static dev.ballast.lb.LbFixtures.share;
import static dev.ballast.lb.ScriptedDiscovery.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DiscoveredEndpointSourceTest {
  private final ManualClock clock = new ManualClock();
  private final ScriptedDiscovery discovery = new ScriptedDiscovery();
  private final DiscoveredEndpointSource source =
      new DiscoveredEndpointSource("orders", "scripted", discovery, clock);
  private final List<EndpointSet> delivered = new ArrayList<>();

  private static final Endpoint A = endpoint("a", "z1", 9001);
  private static final Endpoint B = endpoint("b", "z1", 9002);
  private static final Endpoint C = endpoint("c", "z2", 9003);

  private LoadBalancer balancer(LbConfig config) {
    return LoadBalancer.builder("orders")
        .config(config)
        .source(source)
        .ticker(clock)
        .scheduler(clock)
        .random(RandomSource.seeded(7))
        .build();
  }

  private static List<String> ids(EndpointSet set) {
    return set.endpoints().stream().map(Endpoint::id).toList();
  }

  @Test
  void keepsTheLastKnownGoodSetWhileTheDiscoveryFails() throws Exception {
    source.subscribe(delivered::add);
    discovery.report(A, B);
    discovery.fail("connection refused");
    discovery.fail("connection refused");
    discovery.fail("session expired");

    assertThat(delivered).hasSize(1);
    assertThat(ids(source.current())).containsExactly("a", "b");
    assertThat(source.health()).isEqualTo(DiscoveredEndpointSource.Health.FAILING);
    assertThat(source.errors()).isEqualTo(3);
    assertThat(source.updates()).isEqualTo(1);
    assertThat(source.description())
        .contains("discovery 'scripted': failing (session expired)", "2 endpoints");

    discovery.report(A, C);
    assertThat(source.health()).isEqualTo(DiscoveredEndpointSource.Health.UP_TO_DATE);
    assertThat(delivered).hasSize(2);
    assertThat(ids(delivered.get(1))).containsExactly("a", "c");
    assertThat(delivered.get(1).version()).isGreaterThan(delivered.get(0).version());
  }

  @Test
  void errorsBeforeAnySetLeaveTheSetEmptyAndDeliverNothing() {
    source.subscribe(delivered::add);
    discovery.fail("no route to host");
    assertThat(delivered).isEmpty();
    assertThat(source.current().endpoints()).isEmpty();
    assertThat(source.description()).contains("failing (no route to host)", "no set received");
  }

  @Test
  void withholdsDrainingEndpointsSoTheyGetNoNewPicks() {
    try (LoadBalancer lb = balancer(LbConfig.builder().strategy(Strategy.ROUND_ROBIN).build())) {
      discovery
          .listener()
          .onEndpoints(
              List.of(
                  DiscoveredEndpoint.serving(A),
                  DiscoveredEndpoint.draining(B),
                  DiscoveredEndpoint.serving(C)));
      Map<String, Integer> counts = pickCounts(lb, 1_000, Endpoint::id);
      assertThat(counts).containsOnlyKeys("a", "c");
      assertThat(counts.get("a") + counts.get("c")).isEqualTo(1_000);
      assertThat(source.reported()).hasSize(3);
      assertThat(source.description()).contains("2 endpoints (1 draining)");
    }
  }

  @Test
  void anEndpointBackFromDrainingRampsUnderSlowStart() {
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.WEIGHTED_ROUND_ROBIN)
            .slowStartWindow(Duration.ofSeconds(10))
            .build();
    try (LoadBalancer lb = balancer(config)) {
      discovery.report(A, B, C);
      discovery
          .listener()
          .onEndpoints(
              List.of(
                  DiscoveredEndpoint.serving(A),
                  DiscoveredEndpoint.serving(B),
                  DiscoveredEndpoint.draining(C)));
      assertThat(pickCounts(lb, 2_000, Endpoint::id)).doesNotContainKey("c");

      discovery.report(A, B, C);
      // Back in the set: weight floor 0.1 of 1, against 1 + 1 for the others.
      assertThat(share(pickCounts(lb, 21_000, Endpoint::id), "c", 21_000))
          .isCloseTo(0.1 / 2.1, within(0.01));
      clock.advance(11, TimeUnit.SECONDS);
      assertThat(share(pickCounts(lb, 30_000, Endpoint::id), "c", 30_000))
          .isCloseTo(1 / 3.0, within(0.01));
    }
  }

  @Test
  void honoursAnEmptySetFromAHealthySourceAndNamesTheSourceWhenNothingCanBePicked() {
    try (LoadBalancer lb = balancer(LbConfig.defaults())) {
      discovery.report(A, B);
      assertThat(lb.pick().isPresent()).isTrue();
      discovery.report();

      Pick pick = lb.pick();
      assertThat(pick.isPresent()).isFalse();
      assertThat(pick.reason()).contains("orders");
      assertThat(lb.describe(PickContext.DEFAULT))
          .contains("service 'orders'", "no endpoints")
          .contains("source: discovery 'scripted': up to date, 0 endpoints, last set 0.0s ago");
    }
  }

  @Test
  void stalenessIsTheAgeOfTheSetInUseOnTheInjectedClock() {
    assertThat(source.stalenessSeconds()).isZero();
    source.subscribe(delivered::add);
    clock.advance(2, TimeUnit.SECONDS);
    assertThat(source.stalenessSeconds()).isEqualTo(2.0);
    discovery.report(A);
    assertThat(source.stalenessSeconds()).isZero();
    clock.advance(1500, TimeUnit.MILLISECONDS);
    discovery.fail("timeout");
    clock.advance(1500, TimeUnit.MILLISECONDS);
    assertThat(source.stalenessSeconds()).isEqualTo(3.0);
    discovery.report(A);
    assertThat(source.stalenessSeconds()).isZero();
  }

  @Test
  void publishesOnlyRealChangesButCountsEveryUpdate() {
    source.subscribe(delivered::add);
    discovery.report(A, B);
    discovery.report(B, A);
    assertThat(delivered).hasSize(1);
    discovery.report(A, B.withWeight(3));
    discovery.report(A, B.toBuilder().zone("z9").weight(3).build());
    assertThat(delivered).hasSize(3);
    assertThat(delivered.get(2).endpoints().get(1).zone()).isEqualTo("z9");
    assertThat(source.updates()).isEqualTo(4);
  }

  @Test
  void rejectsDuplicateIdsWithoutApplyingAnything() {
    source.subscribe(delivered::add);
    discovery.report(A);
    assertThatThrownBy(
            () ->
                discovery
                    .listener()
                    .onEndpoints(
                        List.of(DiscoveredEndpoint.serving(B), DiscoveredEndpoint.draining(B))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoints: duplicate id 'b' (expected: unique endpoint ids)");
    assertThat(ids(source.current())).containsExactly("a");
    assertThat(source.updates()).isEqualTo(1);
  }

  @Test
  void startsWithTheFirstSubscriberAndStopsWhenTheLastLeaves() throws Exception {
    assertThat(discovery.starts).isZero();
    AutoCloseable first = source.subscribe(delivered::add);
    List<EndpointSet> late = new ArrayList<>();
    discovery.report(A);
    AutoCloseable second = source.subscribe(late::add);
    assertThat(late).hasSize(1);
    assertThat(discovery.starts).isEqualTo(1);

    first.close();
    assertThat(discovery.stops).isZero();
    second.close();
    assertThat(discovery.stops).isEqualTo(1);
    assertThat(source.health()).isEqualTo(DiscoveredEndpointSource.Health.CLOSED);
    discovery.report(A, B);
    assertThat(ids(source.current())).containsExactly("a");
    assertThatThrownBy(() -> source.subscribe(delivered::add))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("discovery 'scripted' for service 'orders' is closed");
  }

  @Test
  void closingTheLoadBalancerStopsTheDiscovery() {
    LoadBalancer lb = balancer(LbConfig.defaults());
    assertThat(discovery.starts).isEqualTo(1);
    lb.close();
    assertThat(discovery.stops).isEqualTo(1);
  }

  @Test
  void aDiscoveryThatCannotStartIsAnErrorOfTheSource() {
    DiscoveredEndpointSource broken =
        new DiscoveredEndpointSource(
            "orders",
            "broken",
            l -> {
              throw new IllegalStateException("bad connect string");
            },
            clock);
    broken.subscribe(delivered::add);
    assertThat(broken.health()).isEqualTo(DiscoveredEndpointSource.Health.FAILING);
    assertThat(broken.errors()).isEqualTo(1);
    assertThat(broken.description()).contains("bad connect string");
  }

  @Test
  void bindsUpdatesErrorsAndStalenessMetersWithTheLoadBalancersAndRemovesThem() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LoadBalancer lb = balancer(LbConfig.defaults())) {
      LbMetrics metrics = new LbMetrics(lb);
      metrics.bindTo(registry);
      discovery.report(A);
      discovery.report(A, B);
      discovery.fail("down");
      clock.advance(4, TimeUnit.SECONDS);

      assertThat(
              registry
                  .get("ballast.discovery.updates")
                  .tag("service", "orders")
                  .tag("source", "scripted")
                  .functionCounter()
                  .count())
          .isEqualTo(2.0);
      assertThat(registry.get("ballast.discovery.errors").functionCounter().count()).isEqualTo(1.0);
      assertThat(registry.get("ballast.discovery.staleness").gauge().value()).isEqualTo(4.0);
      metrics.close();
      assertThat(registry.find("ballast.discovery.updates").meters()).isEmpty();
      assertThat(registry.find("ballast.discovery.staleness").meters()).isEmpty();
    }
  }
}
