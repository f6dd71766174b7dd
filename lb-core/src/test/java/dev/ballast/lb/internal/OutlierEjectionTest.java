package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.FEEDBACK;
import static dev.ballast.lb.internal.PolicyFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.ManualClock;
import dev.ballast.lb.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutlierEjectionTest {
  private final ManualClock clock = new ManualClock();
  private final ControlPlane control = new ControlPlane();
  private final LbConfig config =
      LbConfig.builder()
          .outlierConsecutiveFailures(3)
          .outlierBaseEjectionTime(Duration.ofSeconds(10))
          .outlierMaxEjectionTime(Duration.ofSeconds(300))
          .outlierMaxEjectionPercent(50)
          .build();
  private final List<String> log = new ArrayList<>();
  private final Membership membership =
      new Membership(
          config,
          FEEDBACK,
          new Membership.Listener() {
            @Override
            public void onAdded(Member m, boolean initial, long now) {}

            @Override
            public void onRemoved(Member m) {}
          });
  private final OutlierEjection ejection =
      new OutlierEjection(
          config,
          clock,
          clock,
          control,
          membership,
          new OutlierEjection.Listener() {
            @Override
            public void onEjected(Member m, Duration time) {
              log.add(m.endpoint().id() + " out for " + time.toSeconds() + " s");
            }

            @Override
            public void onRestored(Member m) {
              log.add(m.endpoint().id() + " back");
            }
          });

  private void members(String... ids) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String id : ids) {
      endpoints.add(endpoint(id, "a"));
    }
    membership.apply(new EndpointSet(1, endpoints), clock.nanoTime());
  }

  private Member failThreeTimes(String id) {
    Member m = membership.get(id);
    for (int i = 0; i < 3; i++) {
      m.stats.acquire();
      m.stats.complete(Outcome.FAILURE, 0);
    }
    ejection.onConsecutiveFailures(m.stats);
    return m;
  }

  @Test
  void ejectsAfterTheThresholdAndRestoresWhenTheTimeIsUp() {
    members("a1", "a2");
    Member a1 = failThreeTimes("a1");
    assertThat(a1.ejected).isTrue();
    assertThat(ejection.ejections()).isOne();

    clock.advance(10, TimeUnit.SECONDS);
    assertThat(a1.ejected).isFalse();
    assertThat(a1.stats.consecutiveFailures()).as("the streak starts over").isZero();
    assertThat(log).containsExactly("a1 out for 10 s", "a1 back");
  }

  @Test
  void aSecondEjectionSoonAfterLastsTwiceAsLong() {
    members("a1", "a2");
    failThreeTimes("a1");
    clock.advance(10, TimeUnit.SECONDS);
    failThreeTimes("a1");
    assertThat(log).containsExactly("a1 out for 10 s", "a1 back", "a1 out for 20 s");
  }

  @Test
  void aSuccessInBetweenCancelsTheEjection() {
    members("a1", "a2");
    Member a1 = membership.get("a1");
    for (int i = 0; i < 3; i++) {
      a1.stats.acquire();
      a1.stats.complete(Outcome.FAILURE, 0);
    }
    a1.stats.acquire();
    a1.stats.complete(Outcome.SUCCESS, 0);
    ejection.onConsecutiveFailures(a1.stats);
    assertThat(a1.ejected).isFalse();
  }

  @Test
  void neverEjectsMoreThanTheMaximumShare() {
    members("a1", "a2", "a3", "a4");
    failThreeTimes("a1");
    failThreeTimes("a2");
    failThreeTimes("a3");
    assertThat(membership.ejectedCount()).as("50 % of 4").isEqualTo(2);
    assertThat(membership.get("a3").ejected).isFalse();
  }

  @Test
  void aRemovedMemberIsNotRestoredAndAClosedPolicyEjectsNothing() {
    members("a1", "a2");
    Member a1 = failThreeTimes("a1");
    membership.apply(new EndpointSet(2, List.of(endpoint("a2", "a"))), clock.nanoTime());
    clock.advance(10, TimeUnit.SECONDS);
    assertThat(a1.ejected).as("left while out: nothing to restore").isTrue();

    ejection.close();
    failThreeTimes("a2");
    assertThat(membership.get("a2").ejected).isFalse();
  }
}
