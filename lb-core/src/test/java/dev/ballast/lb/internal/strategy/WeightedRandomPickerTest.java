package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static dev.ballast.lb.internal.strategy.TestGroup.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import org.junit.jupiter.api.Test;

class WeightedRandomPickerTest {
  private final TestGroup group = new TestGroup();

  @Test
  void sharesFollowWeightsWithinTwoPercent() {
    double[] w = weights(1, 2, 3, 0.5, 10);
    EndpointState[] states = group.states(w.length);
    ChildPicker picker = Strategies.random().create(states, w, RandomSource.seeded(11));
    int picks = 300_000;

    int[] counts = count(picker, states, picks);

    assertShares(counts, w, picks, 0.02);
  }

  @Test
  void equalWeightsAreUniform() {
    EndpointState[] states = group.states(10);
    ChildPicker picker = Strategies.random().create(states, ones(10), RandomSource.seeded(12));

    int[] counts = count(picker, states, 300_000);

    assertShares(counts, ones(10), 300_000, 0.02);
  }

  @Test
  void extremeWeightRatioStillReachesTheLightEndpoint() {
    EndpointState[] states = group.states(2);
    ChildPicker picker =
        Strategies.random().create(states, weights(1, 999), RandomSource.seeded(13));

    int[] counts = count(picker, states, 200_000);

    assertThat((double) counts[0])
        .as("weight 1 of 1000 over 200 000 picks: 200 ± 25 % (binomial sd ≈ 14)")
        .isCloseTo(200, within(50.0));
  }

  @Test
  void picksAreIndependentOfOrder() {
    EndpointState[] states = group.states(2);
    ChildPicker picker = Strategies.random().create(states, ones(2), RandomSource.seeded(14));
    int repeats = 0;
    int last = -1;
    for (int i = 0; i < 10_000; i++) {
      int current = TestGroup.indexOf(states, picker.pick(PickContext.DEFAULT));
      if (current == last) {
        repeats++;
      }
      last = current;
    }
    // Round robin would never repeat; independent fair coins repeat half the time.
    assertThat((double) repeats)
        .as("repeats in 10 000 picks: 5 000 ± 5 %")
        .isCloseTo(5000, within(250.0));
  }

  static void assertShares(int[] counts, double[] w, int picks, double relativeTolerance) {
    double total = 0;
    for (double x : w) {
      total += x;
    }
    for (int i = 0; i < w.length; i++) {
      double expected = picks * w[i] / total;
      assertThat((double) counts[i])
          .as(
              "endpoint %d with weight %s: expected %.0f ± %.0f %%",
              i, w[i], expected, relativeTolerance * 100)
          .isCloseTo(expected, within(expected * relativeTolerance));
    }
  }
}
