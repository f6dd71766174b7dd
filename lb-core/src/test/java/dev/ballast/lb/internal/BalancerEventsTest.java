package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.FEEDBACK;
import static dev.ballast.lb.internal.PolicyFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbEvent;
import dev.ballast.lb.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerEventsTest {
  private final List<LbEvent> seen = new ArrayList<>();

  @Test
  void reportsPanicOnceWhenItBeginsAndWhenItEnds() {
    BalancerEvents events = new BalancerEvents("orders", false);
    events.add(seen::add, emptyMembership(), ejection(emptyMembership()));
    events.onPicker(false, 4, 4, 1.0);
    events.onPicker(true, 1, 4, 1.0);
    events.onPicker(true, 1, 4, 1.0);
    events.onPicker(false, 3, 4, 1.0);

    assertThat(seen)
        .containsExactly(
            new LbEvent.PanicEntered("orders", 1, 4), new LbEvent.PanicLeft("orders", 3, 4));
  }

  @Test
  void reportsAChangedLocalShareOnlyWhenZonesAreConfigured() {
    BalancerEvents zoned = new BalancerEvents("orders", true);
    zoned.add(seen::add, emptyMembership(), ejection(emptyMembership()));
    zoned.onPicker(false, 2, 2, 1.0);
    zoned.onPicker(false, 2, 2, 1.0);
    zoned.onPicker(false, 2, 2, 0.5);
    assertThat(seen).containsExactly(new LbEvent.ZoneSpillChanged("orders", 100, 50));

    seen.clear();
    BalancerEvents agnostic = new BalancerEvents("orders", false);
    agnostic.add(seen::add, emptyMembership(), ejection(emptyMembership()));
    agnostic.onPicker(false, 2, 2, 1.0);
    agnostic.onPicker(false, 2, 2, 0.5);
    assertThat(seen).isEmpty();
  }

  @Test
  void aNewListenerFirstHearsTheCurrentState() {
    Membership membership = emptyMembership();
    membership.apply(new EndpointSet(1, List.of(endpoint("a1", "a"), endpoint("a2", "a"))), 0);
    membership.get("a1").healthy = false;
    BalancerEvents events = new BalancerEvents("orders", false);
    events.onPicker(true, 1, 2, 1.0);

    events.add(seen::add, membership, ejection(membership));

    assertThat(seen)
        .containsExactly(
            new LbEvent.HealthChanged("orders", endpoint("a1", "a"), false),
            new LbEvent.PanicEntered("orders", 1, 2));
  }

  @Test
  void aFailingListenerDoesNotKeepTheOthersFromHearing() {
    BalancerEvents events = new BalancerEvents("orders", false);
    events.add(
        e -> {
          throw new IllegalStateException("listener bug");
        },
        emptyMembership(),
        ejection(emptyMembership()));
    events.add(seen::add, emptyMembership(), ejection(emptyMembership()));
    LbEvent.Listener removed = seen::add;
    events.add(removed, emptyMembership(), ejection(emptyMembership()));
    events.remove(removed);

    events.emit(new LbEvent.EndpointRestored("orders", endpoint("a1", "a")));

    assertThat(seen).hasSize(1);
  }

  private static Membership emptyMembership() {
    return new Membership(
        LbConfig.defaults(),
        FEEDBACK,
        new Membership.Listener() {
          @Override
          public void onAdded(Member m, boolean initial, long now) {}

          @Override
          public void onRemoved(Member m) {}
        });
  }

  private static OutlierEjection ejection(Membership membership) {
    ManualClock clock = new ManualClock();
    return new OutlierEjection(
        LbConfig.defaults(),
        clock,
        clock,
        new ControlPlane(),
        membership,
        new OutlierEjection.Listener() {
          @Override
          public void onEjected(Member m, java.time.Duration time) {}

          @Override
          public void onRestored(Member m) {}
        });
  }
}
