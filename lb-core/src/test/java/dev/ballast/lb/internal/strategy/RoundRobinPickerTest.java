package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.indexOf;
import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRobinPickerTest {
  private final TestGroup group = new TestGroup();

  @Test
  void visitsEveryEndpointEquallyOften() {
    EndpointState[] states = group.states(7);
    ChildPicker picker = Strategies.roundRobin().create(states, ones(7), RandomSource.seeded(1));

    int[] counts = count(picker, states, 7 * 1000);

    assertThat(counts).as("exactly 1000 picks each (tolerance 0)").containsOnly(1000);
  }

  @Test
  void visitsEndpointsInTurn() {
    EndpointState[] states = group.states(5);
    ChildPicker picker = Strategies.roundRobin().create(states, ones(5), RandomSource.seeded(3));

    int previous = indexOf(states, picker.pick(PickContext.DEFAULT));
    for (int i = 0; i < 20; i++) {
      int current = indexOf(states, picker.pick(PickContext.DEFAULT));
      assertThat(current).as("pick after index %d", previous).isEqualTo((previous + 1) % 5);
      previous = current;
    }
  }

  @Test
  void ignoresWeights() {
    EndpointState[] states = group.states(3);
    ChildPicker picker =
        Strategies.roundRobin()
            .create(states, TestGroup.weights(1, 10, 100), RandomSource.seeded(1));

    assertThat(count(picker, states, 3000))
        .as("equal picks whatever the weights")
        .containsOnly(1000);
  }

  @Test
  void pickersWithDifferentSeedsStartAtDifferentIndices() {
    EndpointState[] states = group.states(10);
    int first = firstPick(states, 1);
    int second = firstPick(states, 2);
    assertThat(first).as("start index with seed 1 vs seed 2").isNotEqualTo(second);

    Set<Integer> starts = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      starts.add(firstPick(states, seed));
    }
    assertThat(starts)
        .as("start indices of 50 pickers over 10 endpoints (expected: at least 8 distinct)")
        .hasSizeGreaterThanOrEqualTo(8);
  }

  private static int firstPick(EndpointState[] states, long seed) {
    ChildPicker picker =
        Strategies.roundRobin().create(states, ones(states.length), RandomSource.seeded(seed));
    return indexOf(states, picker.pick(PickContext.DEFAULT));
  }
}
