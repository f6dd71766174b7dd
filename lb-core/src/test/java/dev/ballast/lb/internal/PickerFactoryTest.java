package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.FEEDBACK;
import static dev.ballast.lb.internal.PolicyFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.strategy.Strategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickerFactoryTest {
  private static final long NOW = 1_000_000_000L;

  private Membership members(LbConfig config, String... idsAndZones) {
    Membership membership =
        new Membership(
            config,
            FEEDBACK,
            new Membership.Listener() {
              @Override
              public void onAdded(Member m, boolean initial, long now) {}

              @Override
              public void onRemoved(Member m) {}
            });
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < idsAndZones.length; i += 2) {
      endpoints.add(endpoint(idsAndZones[i], idsAndZones[i + 1]));
    }
    membership.apply(new EndpointSet(1, endpoints), NOW);
    return membership;
  }

  private static PickerFactory factory(LbConfig config) {
    return new PickerFactory(
        "orders", config, Strategies.roundRobin(), RandomSource.seeded(1), SlowStart.of(config));
  }

  @Test
  void keepsAHealthyLocalZoneLocal() {
    LbConfig config = LbConfig.builder().localZone("a").build();
    Membership m = members(config, "a1", "a", "a2", "a", "b1", "b");
    PickerFactory.Built built = factory(config).build(m.values(), NOW, null, null);

    assertThat(built.picker().panic).isFalse();
    assertThat(built.picker().localShare).isEqualTo(1.0);
    assertThat(built.usable()).isEqualTo(3);
    assertThat(built.total()).isEqualTo(3);
    assertThat(built.ramping()).isFalse();
  }

  @Test
  void inPanicZonesAreNotRoutedOnAndTheLocalShareIsTheLocalWeight() {
    LbConfig config = LbConfig.builder().localZone("a").panicThresholdPercent(50).build();
    Membership m = members(config, "a1", "a", "a2", "a", "a3", "a", "b1", "b");
    m.get("a1").healthy = false;
    m.get("a2").healthy = false;
    m.get("a3").ejected = true;
    PickerFactory.Built built = factory(config).build(m.values(), NOW, null, null);

    assertThat(built.picker().panic).isTrue();
    assertThat(built.usable()).isOne();
    assertThat(built.picker().groupCount()).as("one zone-agnostic group").isOne();
    assertThat(built.picker().group(0).endpoints).hasSize(4);
    assertThat(built.picker().localShare).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void aLocalZoneWithoutEndpointsMeansZoneAgnosticRouting() {
    LbConfig config = LbConfig.builder().localZone("z").build();
    Membership m = members(config, "a1", "a", "b1", "b");
    PickerFactory.Built built = factory(config).build(m.values(), NOW, null, null);

    // Grouped by zone still, but each zone weighed by its capacity alone: no zone is preferred.
    Membership wide = members(config, "a1", "a", "a2", "a", "a3", "a", "b1", "b");
    built = factory(config).build(wide.values(), NOW, null, null);
    assertThat(built.picker().shares).containsExactly(0.75, 0.25);
    assertThat(built.picker().localShare).isEqualTo(1.0);
  }

  @Test
  void anUnhealthyLocalZoneSpillsAndGetsNoGroup() {
    LbConfig config = LbConfig.builder().localZone("a").build();
    Membership m = members(config, "a1", "a", "b1", "b");
    m.get("a1").healthy = false;
    // 1 of 2 usable: at the default panic threshold of 50 % this is no panic yet.
    PickerFactory.Built built = factory(config).build(m.values(), NOW, null, null);

    assertThat(built.picker().panic).isFalse();
    assertThat(built.picker().localShare).isZero();
    assertThat(built.picker().groupCount()).isOne();
    assertThat(built.picker().group(0).zone).isEqualTo("b");
  }

  @Test
  void saysWhenAnEndpointIsStillRamping() {
    LbConfig config = LbConfig.builder().slowStartWindow(Duration.ofSeconds(4)).build();
    Membership m = members(config, "a1", "a", "a2", "a");
    m.get("a2").rampStartNanos = NOW;
    PickerFactory factory = factory(config);

    assertThat(factory.build(m.values(), NOW + 1_000_000_000L, null, null).ramping()).isTrue();
    assertThat(factory.build(m.values(), NOW + 4_000_000_000L, null, null).ramping()).isFalse();
  }

  @Test
  void theEmptyPickerFindsNothing() {
    assertThat(factory(LbConfig.defaults()).empty().groupCount()).isZero();
  }
}
