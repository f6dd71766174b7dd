package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RingHashPickerTest {
  private static final int KEYS = 100_000;

  private final TestGroup group = new TestGroup();
  private final PickContext[] keys = keys(KEYS);

  @Test
  void sameKeyMapsToSameEndpointAcrossRebuilds() {
    EndpointState[] first = group.states(10);
    EndpointState[] rebuilt = new TestGroup().states(10); // fresh states, same ids
    EndpointState[] reversed = rebuilt.clone();
    java.util.Collections.reverse(Arrays.asList(reversed));

    String[] a = owners(Strategies.ringHash().create(first, ones(10), RandomSource.seeded(1)));
    String[] b = owners(Strategies.ringHash().create(reversed, ones(10), RandomSource.seeded(99)));

    assertThat(b)
        .as("owner of each of %d keys after a rebuild in another order", KEYS)
        .isEqualTo(a);
  }

  @Test
  void keysSpreadEvenly() {
    EndpointState[] states = group.states(10);
    String[] owners =
        owners(Strategies.ringHash().create(states, ones(10), RandomSource.seeded(1)));

    for (EndpointState s : states) {
      long mine = Arrays.stream(owners).filter(s.endpoint().id()::equals).count();
      assertThat((double) mine / KEYS)
          .as("share of %s among %d keys (expected 10 %% ± 4 %%)", s, KEYS)
          .isCloseTo(0.10, within(0.04));
    }
  }

  @Test
  void removingOneOfTenEndpointsMovesOnlyItsKeys() {
    EndpointState[] ten = group.states(10);
    EndpointState[] nine = Arrays.copyOfRange(ten, 0, 9);
    String removed = ten[9].endpoint().id();

    String[] before = owners(Strategies.ringHash().create(ten, ones(10), RandomSource.seeded(1)));
    String[] after = owners(Strategies.ringHash().create(nine, ones(9), RandomSource.seeded(1)));

    int moved = 0;
    for (int k = 0; k < KEYS; k++) {
      if (!before[k].equals(after[k])) {
        moved++;
        assertThat(before[k])
            .as("key %d moved, so it must have been on the removed endpoint", k)
            .isEqualTo(removed);
      } else {
        assertThat(after[k]).isNotEqualTo(removed);
      }
    }
    assertThat((double) moved / KEYS)
        .as("fraction of keys that moved (expected ≈ 1/10, between 0.07 and 0.14)")
        .isBetween(0.07, 0.14);
  }

  @Test
  void addingAnEndpointTakesKeysOnlyForItself() {
    EndpointState[] nine = group.states(9);
    EndpointState[] ten = Arrays.copyOf(nine, 10);
    ten[9] = group.state("newcomer");

    String[] before = owners(Strategies.ringHash().create(nine, ones(9), RandomSource.seeded(1)));
    String[] after = owners(Strategies.ringHash().create(ten, ones(10), RandomSource.seeded(1)));

    for (int k = 0; k < KEYS; k++) {
      if (!before[k].equals(after[k])) {
        assertThat(after[k]).as("key %d moved, so to the newcomer", k).isEqualTo("newcomer");
      }
    }
  }

  @Test
  void heavierEndpointOwnsProportionallyMoreKeys() {
    EndpointState[] states = group.states(4);
    String[] owners =
        owners(
            Strategies.ringHash()
                .create(states, TestGroup.weights(1, 1, 1, 3), RandomSource.seeded(1)));

    long heavy = Arrays.stream(owners).filter("e3"::equals).count();
    assertThat((double) heavy / KEYS)
        .as("share of the weight-3 endpoint (expected 50 %% ± 7 %%)")
        .isCloseTo(0.5, within(0.07));
  }

  @Test
  void withoutAffinityPicksAreSpreadAtRandom() {
    EndpointState[] states = group.states(5);
    ChildPicker picker = Strategies.ringHash().create(states, ones(5), RandomSource.seeded(7));

    int[] counts = count(picker, states, 50_000);

    for (int i = 0; i < counts.length; i++) {
      assertThat((double) counts[i])
          .as("picks of endpoint %d without an affinity key: 10 000 ± 40 %% (ring shares vary)", i)
          .isCloseTo(10_000, within(4_000.0));
    }
  }

  @Test
  void ringSizeIsCappedForLargeWeights() {
    int n = 200;
    EndpointState[] states = group.states(n);
    double[] heavy = new double[n];
    Arrays.fill(heavy, 1000);

    RingHashPicker big =
        (RingHashPicker) Strategies.ringHash().create(states, heavy, RandomSource.seeded(1));
    RingHashPicker small =
        (RingHashPicker)
            Strategies.ringHash().create(group.states(3), ones(3), RandomSource.seeded(1));

    assertThat(big.size())
        .as(
            "points for 200 endpoints of weight 1000 (cap %d + one per endpoint)",
            RingHashPicker.MAX_POINTS)
        .isLessThanOrEqualTo(RingHashPicker.MAX_POINTS + n);
    assertThat(small.size())
        .as("points for 3 endpoints of weight 1")
        .isEqualTo(3 * RingHashPicker.POINTS_PER_WEIGHT);
  }

  private String[] owners(ChildPicker picker) {
    String[] owners = new String[keys.length];
    for (int k = 0; k < keys.length; k++) {
      owners[k] = picker.pick(keys[k]).endpoint().id();
    }
    return owners;
  }

  private static PickContext[] keys(int n) {
    PickContext[] keys = new PickContext[n];
    for (int k = 0; k < n; k++) {
      keys[k] = PickContext.withAffinity("user-" + k);
    }
    return keys;
  }
}
