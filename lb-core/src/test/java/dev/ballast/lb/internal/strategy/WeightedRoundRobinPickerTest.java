package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.indexOf;
import static dev.ballast.lb.internal.strategy.TestGroup.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinPickerTest {
  private final TestGroup group = new TestGroup();

  @Test
  void sharesFollowWeightsOneTwoThree() {
    EndpointState[] states = group.states(3);
    ChildPicker picker =
        Strategies.weightedRoundRobin().create(states, weights(1, 2, 3), RandomSource.seeded(7));

    int[] counts = count(picker, states, 60_000);

    assertThat((double) counts[0]).as("weight 1: 10 000 ± 1 %").isCloseTo(10_000, within(100.0));
    assertThat((double) counts[1]).as("weight 2: 20 000 ± 1 %").isCloseTo(20_000, within(200.0));
    assertThat((double) counts[2]).as("weight 3: 30 000 ± 1 %").isCloseTo(30_000, within(300.0));
  }

  @Test
  void interleavesPicksInsteadOfBursting() {
    EndpointState[] states = group.states(3);
    ChildPicker picker =
        Strategies.weightedRoundRobin().create(states, weights(1, 2, 3), RandomSource.seeded(7));
    int[] sequence = new int[6_000];
    for (int i = 0; i < sequence.length; i++) {
      sequence[i] = indexOf(states, picker.pick(PickContext.DEFAULT));
    }

    // In every window of 12 picks, expected 2, 4 and 6: allow ±2 (a burst of one endpoint would
    // show as 0 or 12).
    for (int start = 0; start + 12 <= sequence.length; start++) {
      int[] window = new int[3];
      for (int i = start; i < start + 12; i++) {
        window[sequence[i]]++;
      }
      for (int e = 0; e < 3; e++) {
        assertThat(window[e])
            .as(
                "picks of weight-%d endpoint in window at %d (expected %d ± 2)",
                e + 1, start, 2 * (e + 1))
            .isBetween(2 * (e + 1) - 2, 2 * (e + 1) + 2);
      }
    }
  }

  @Test
  void heavilySkewedWeightsNeedNoPerWeightTable() {
    EndpointState[] states = group.states(2);
    ChildPicker skewed =
        Strategies.weightedRoundRobin().create(states, weights(1, 1000), RandomSource.seeded(1));
    ChildPicker extreme =
        Strategies.weightedRoundRobin().create(states, weights(1, 1e9), RandomSource.seeded(1));
    ChildPicker mild =
        Strategies.weightedRoundRobin().create(states, weights(1, 2), RandomSource.seeded(1));

    for (ChildPicker picker : new ChildPicker[] {skewed, extreme, mild}) {
      assertThat(picker).isInstanceOf(WeightedRoundRobinPicker.class);
      assertThat(((WeightedRoundRobinPicker) picker).footprint())
          .as("schedule slots for 2 endpoints whatever the weights (expected: at most 3n + 2)")
          .isLessThanOrEqualTo(3 * 2 + 2);
    }

    int[] counts = count(skewed, states, 1001 * 100);
    assertThat((double) counts[0])
        .as("weight 1 of 1001 over 100 100 picks: 100 ± 2")
        .isCloseTo(100, within(2.0));
  }

  @Test
  void footprintGrowsWithEndpointsNotWeights() {
    int n = 100;
    EndpointState[] states = group.states(n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 + i * 97 % 1000;
    }
    WeightedRoundRobinPicker picker =
        (WeightedRoundRobinPicker)
            Strategies.weightedRoundRobin().create(states, w, RandomSource.seeded(1));

    assertThat(picker.footprint())
        .as("slots for 100 endpoints (expected: ≤ 3n + 2)")
        .isLessThanOrEqualTo(3 * n + 2);
    int[] counts = count(picker, states, 200_000);
    double total = 0;
    for (double x : w) {
      total += x;
    }
    for (int i = 0; i < n; i++) {
      double expected = 200_000 * w[i] / total;
      assertThat((double) counts[i])
          .as(
              "endpoint %d, weight %s: expected %.1f ± 5 picks (low discrepancy: random picks"
                  + " would stray by about the square root of the expectation)",
              i, w[i], expected)
          .isCloseTo(expected, within(5.0));
    }
  }

  @Test
  void fractionalWeightsFromSlowStartAreHonoured() {
    EndpointState[] states = group.states(2);
    ChildPicker picker =
        Strategies.weightedRoundRobin().create(states, weights(0.1, 1.0), RandomSource.seeded(5));

    int[] counts = count(picker, states, 11_000);

    assertThat((double) counts[0])
        .as("weight 0.1 vs 1.0: 1000 ± 1 %")
        .isCloseTo(1000, within(10.0));
  }

  @Test
  void equalWeightsDegradeToRoundRobin() {
    EndpointState[] states = group.states(4);
    ChildPicker picker =
        Strategies.weightedRoundRobin().create(states, weights(3, 3, 3, 3), RandomSource.seeded(2));

    assertThat(picker).isInstanceOf(RoundRobinPicker.class);
    int previous = indexOf(states, picker.pick(PickContext.DEFAULT));
    for (int i = 0; i < 12; i++) {
      int current = indexOf(states, picker.pick(PickContext.DEFAULT));
      assertThat(current).as("pick after index %d", previous).isEqualTo((previous + 1) % 4);
      previous = current;
    }
  }

  @Test
  void differentSeedsStartAtDifferentPhases() {
    EndpointState[] states = group.states(3);
    int[] first = new int[3];
    for (long seed = 0; seed < 30; seed++) {
      ChildPicker picker =
          Strategies.weightedRoundRobin()
              .create(states, weights(1, 1, 2), RandomSource.seeded(seed));
      first[indexOf(states, picker.pick(PickContext.DEFAULT))]++;
    }
    assertThat(first)
        .as("first picks of 30 differently seeded pickers (each endpoint at least once)")
        .doesNotContain(0);
  }
}
