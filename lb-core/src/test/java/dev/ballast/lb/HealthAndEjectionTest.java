package dev.ballast.lb;

import static dev.ballast.lb.LbFixtures.endpoints;
import static dev.ballast.lb.LbFixtures.pickCounts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthAndEjectionTest {
  private final ManualClock clock = new ManualClock();
  private final List<LbEvent> events = new ArrayList<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Boolean>> hanging = new ConcurrentHashMap<>();

  private LoadBalancer lb(LbConfig config, int endpoints) {
    return LoadBalancer.builder("orders")
        .config(config)
        .endpoints(endpoints(Map.of("a", endpoints)))
        .ticker(clock)
        .scheduler(clock)
        .random(RandomSource.seeded(7))
        .listener(events::add)
        .healthProbe(
            e -> {
              if (hanging.containsKey(e.id())) {
                return hanging.get(e.id());
              }
              return CompletableFuture.completedFuture(!failing.contains(e.id()));
            })
        .build();
  }

  private static LbConfig.Builder base() {
    return LbConfig.builder()
        .strategy(Strategy.ROUND_ROBIN)
        .healthCheckInterval(Duration.ofSeconds(1))
        .healthCheckTimeout(Duration.ofMillis(200))
        .healthCheckJitter(0)
        .healthyThreshold(2)
        .unhealthyThreshold(2)
        .panicThresholdPercent(0);
  }

  private static Pick pickId(LoadBalancer lb, String id) {
    for (int i = 0; i < 100; i++) {
      Pick p = lb.pick();
      if (p.endpoint().id().equals(id)) {
        return p;
      }
      p.complete(Outcome.SUCCESS, 1);
    }
    throw new AssertionError(id + " never picked");
  }

  @Test
  void marksUnhealthyOnlyAfterTheUnhealthyThreshold() {
    try (LoadBalancer lb = lb(base().build(), 3)) {
      failing.add("a1");
      clock.advance(10, TimeUnit.MILLISECONDS); // first round (jitter 0 → immediately)
      assertThat(pickCounts(lb, 300, Endpoint::id)).containsKey("a1");
      clock.advance(1, TimeUnit.SECONDS); // second failure
      assertThat(pickCounts(lb, 300, Endpoint::id)).doesNotContainKey("a1");
      assertThat(events)
          .contains(new LbEvent.HealthChanged("orders", lb.endpoints().get(0).endpoint(), false));

      failing.clear();
      clock.advance(1, TimeUnit.SECONDS); // one pass: still out
      assertThat(pickCounts(lb, 300, Endpoint::id)).doesNotContainKey("a1");
      clock.advance(1, TimeUnit.SECONDS); // second pass: back
      assertThat(pickCounts(lb, 300, Endpoint::id)).containsKey("a1");
    }
  }

  @Test
  void countsAProbeTimeoutAsAFailure() {
    try (LoadBalancer lb = lb(base().unhealthyThreshold(1).build(), 2)) {
      hanging.put("a2", new CompletableFuture<>());
      clock.advance(300, TimeUnit.MILLISECONDS); // probe started at 0, timed out at 200 ms
      assertThat(pickCounts(lb, 100, Endpoint::id)).containsOnlyKeys("a1");
      // The late answer of a timed-out probe is ignored.
      hanging.remove("a2").complete(true);
      assertThat(pickCounts(lb, 100, Endpoint::id)).containsOnlyKeys("a1");
    }
  }

  @Test
  void ejectsAfterConsecutiveFailuresForBaseTimesEjections() {
    LbConfig config =
        base()
            .outlierConsecutiveFailures(3)
            .outlierBaseEjectionTime(Duration.ofSeconds(10))
            .outlierMaxEjectionPercent(50)
            .build();
    try (LoadBalancer lb = lb(config, 4)) {
      for (int i = 0; i < 3; i++) {
        pickId(lb, "a1").complete(Outcome.FAILURE, 1000);
      }
      assertThat(pickCounts(lb, 400, Endpoint::id)).doesNotContainKey("a1");
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.EJECTED);

      clock.advance(10, TimeUnit.SECONDS);
      assertThat(pickCounts(lb, 400, Endpoint::id)).containsKey("a1");

      // Second ejection lasts twice as long.
      for (int i = 0; i < 3; i++) {
        pickId(lb, "a1").complete(Outcome.FAILURE, 1000);
      }
      clock.advance(15, TimeUnit.SECONDS);
      assertThat(pickCounts(lb, 400, Endpoint::id)).doesNotContainKey("a1");
      clock.advance(5, TimeUnit.SECONDS);
      assertThat(pickCounts(lb, 400, Endpoint::id)).containsKey("a1");
      assertThat(events).filteredOn(e -> e instanceof LbEvent.EndpointEjected).hasSize(2);
    }
  }

  private static Duration ejectFor(LoadBalancer lb, List<LbEvent> events) {
    for (int i = 0; i < 3; i++) {
      pickId(lb, "a1").complete(Outcome.FAILURE, 1000);
    }
    LbEvent last = events.get(events.size() - 1);
    assertThat(last).isInstanceOf(LbEvent.EndpointEjected.class);
    return ((LbEvent.EndpointEjected) last).duration();
  }

  @Test
  void theEjectionMultiplierDecaysOneStepPerBaseEjectionTimeOfGoodHealth() {
    LbConfig config =
        base()
            .outlierConsecutiveFailures(3)
            .outlierBaseEjectionTime(Duration.ofSeconds(10))
            .outlierMaxEjectionTime(Duration.ofSeconds(300))
            .outlierMaxEjectionPercent(50)
            .build();
    try (LoadBalancer lb = lb(config, 4)) {
      // Three ejections back to back: 10 s, 20 s, 30 s.
      assertThat(ejectFor(lb, events)).isEqualTo(Duration.ofSeconds(10));
      clock.advance(10, TimeUnit.SECONDS);
      assertThat(ejectFor(lb, events)).isEqualTo(Duration.ofSeconds(20));
      clock.advance(20, TimeUnit.SECONDS);
      assertThat(ejectFor(lb, events)).isEqualTo(Duration.ofSeconds(30));
      clock.advance(30, TimeUnit.SECONDS);
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.HEALTHY);

      // 25 s of good health: two base ejection times, two steps down (3 → 1), so the next
      // ejection is the second step again: 20 s, not 40 s.
      clock.advance(25, TimeUnit.SECONDS);
      assertThat(ejectFor(lb, events)).isEqualTo(Duration.ofSeconds(20));
      clock.advance(19, TimeUnit.SECONDS);
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.EJECTED);
      clock.advance(1, TimeUnit.SECONDS);
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.HEALTHY);

      // An hour of good health forgets every past ejection: back to the base time.
      clock.advance(1, TimeUnit.HOURS);
      assertThat(ejectFor(lb, events)).isEqualTo(Duration.ofSeconds(10));
      assertThat(((LbEvent.EndpointEjected) events.get(events.size() - 1)).times()).isEqualTo(1);
    }
  }

  @Test
  void aSuccessResetsTheFailureStreak() {
    try (LoadBalancer lb = lb(base().outlierConsecutiveFailures(3).build(), 2)) {
      pickId(lb, "a1").complete(Outcome.FAILURE, 1);
      pickId(lb, "a1").complete(Outcome.FAILURE, 1);
      pickId(lb, "a1").complete(Outcome.SUCCESS, 1);
      pickId(lb, "a1").complete(Outcome.FAILURE, 1);
      assertThat(lb.endpoints().get(0).state()).isEqualTo(EndpointStatus.State.HEALTHY);
    }
  }

  @Test
  void neverEjectsMoreThanTheMaxEjectionPercent() {
    LbConfig config = base().outlierConsecutiveFailures(1).outlierMaxEjectionPercent(50).build();
    try (LoadBalancer lb = lb(config, 4)) {
      for (String id : List.of("a1", "a2", "a3", "a4")) {
        pickId(lb, id).complete(Outcome.FAILURE, 1);
      }
      long ejected =
          lb.endpoints().stream().filter(s -> s.state() == EndpointStatus.State.EJECTED).count();
      assertThat(ejected).isEqualTo(2);
    }
  }

  @Test
  void panicsBelowThresholdAndBalancesOverAll() {
    LbConfig config = base().unhealthyThreshold(1).panicThresholdPercent(50).build();
    try (LoadBalancer lb = lb(config, 4)) {
      failing.addAll(Set.of("a1", "a2", "a3"));
      clock.advance(10, TimeUnit.MILLISECONDS);
      assertThat(lb.inPanic()).isTrue();
      assertThat(pickCounts(lb, 400, Endpoint::id)).containsOnlyKeys("a1", "a2", "a3", "a4");
      assertThat(events).anyMatch(e -> e instanceof LbEvent.PanicEntered);

      failing.clear();
      clock.advance(2, TimeUnit.SECONDS);
      assertThat(lb.inPanic()).isFalse();
      assertThat(events).anyMatch(e -> e instanceof LbEvent.PanicLeft);
    }
  }

  @Test
  void neverFiltersToZeroEvenWithPanicOff() {
    LbConfig config = base().unhealthyThreshold(1).panicThresholdPercent(0).build();
    try (LoadBalancer lb = lb(config, 2)) {
      failing.addAll(Set.of("a1", "a2"));
      clock.advance(10, TimeUnit.MILLISECONDS);
      assertThat(lb.pick().isPresent()).isTrue();
    }
  }

  @Test
  void lateListenerReceivesCurrentState() {
    try (LoadBalancer lb = lb(base().unhealthyThreshold(1).build(), 2)) {
      failing.add("a1");
      clock.advance(10, TimeUnit.MILLISECONDS);
      List<LbEvent> late = new ArrayList<>();
      lb.addListener(late::add);
      assertThat(late)
          .containsExactly(
              new LbEvent.HealthChanged("orders", lb.endpoints().get(0).endpoint(), false));
    }
  }

  @Test
  void closeCancelsEveryTimer() {
    LoadBalancer lb = lb(base().build(), 3);
    clock.advance(3, TimeUnit.SECONDS);
    assertThat(clock.pendingTasks()).isPositive();
    lb.close();
    assertThat(clock.pendingTasks()).isZero();
  }
}
