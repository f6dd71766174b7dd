package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static dev.ballast.lb.internal.strategy.TestGroup.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.Outcome;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import org.junit.jupiter.api.Test;

class LeastRequestPickerTest {
  private final TestGroup group = new TestGroup();

  @Test
  void endpointWithManyCallsInFlightGetsNothing() {
    EndpointState[] states = group.states(10);
    for (int i = 0; i < 100; i++) {
      states[0].acquire();
    }
    ChildPicker picker = Strategies.leastRequest().create(states, ones(10), RandomSource.seeded(1));

    int[] counts = count(picker, states, 10_000);

    assertThat(counts[0])
        .as("picks of the endpoint with 100 calls in flight (others idle)")
        .isZero();
    for (int i = 1; i < 10; i++) {
      assertThat((double) counts[i])
          .as("idle endpoint %d: 10 000 / 9 ± 10 %%", i)
          .isCloseTo(10_000 / 9.0, within(111.0));
    }
  }

  @Test
  void withTwoEndpointsNeverPicksTheBusierOne() {
    EndpointState[] states = group.states(2);
    states[1].acquire();
    ChildPicker picker = Strategies.leastRequest().create(states, ones(2), RandomSource.seeded(2));

    int[] counts = count(picker, states, 10_000);

    // Two independent draws would pick the busier endpoint 25 % of the time (Envoy's caveat).
    assertThat(counts[1]).as("picks of the busier of two endpoints (distinct draws)").isZero();
  }

  @Test
  void keepsInFlightCountsCloseUnderSustainedConcurrency() {
    EndpointState[] states = group.states(5);
    ChildPicker picker = Strategies.leastRequest().create(states, ones(5), RandomSource.seeded(3));
    EndpointState[] window = new EndpointState[20];
    long spreadSum = 0;
    int worstSpread = 0;

    // 20 calls always outstanding; each new pick first completes the oldest call.
    int picks = 20_000;
    for (int i = 0; i < picks; i++) {
      int slot = i % window.length;
      if (window[slot] != null) {
        window[slot].complete(Outcome.SUCCESS, 1_000_000);
      }
      EndpointState chosen = picker.pick(PickContext.DEFAULT);
      chosen.acquire();
      window[slot] = chosen;
      int max = 0;
      int min = Integer.MAX_VALUE;
      for (EndpointState s : states) {
        max = Math.max(max, s.inFlight());
        min = Math.min(min, s.inFlight());
      }
      spreadSum += max - min;
      worstSpread = Math.max(worstSpread, max - min);
    }

    // Measured with this seed: mean 2.3, worst 7; plain random picks give mean 4.6, worst 11-13.
    assertThat((double) spreadSum / picks)
        .as("mean of (max - min) in-flight over 5 endpoints, 20 outstanding (expected ≤ 3)")
        .isLessThanOrEqualTo(3.0);
    assertThat(worstSpread).as("worst (max - min) in-flight (expected ≤ 8)").isLessThanOrEqualTo(8);
  }

  @Test
  void heavierEndpointCarriesProportionallyMoreCalls() {
    EndpointState[] states = group.states(2);
    ChildPicker picker =
        Strategies.leastRequest().create(states, weights(1, 3), RandomSource.seeded(4));
    for (int i = 0; i < 40; i++) {
      picker.pick(PickContext.DEFAULT).acquire();
    }

    // weight / (inFlight + 1) equalizes at about 1:3 of the outstanding calls.
    assertThat(states[0].inFlight())
        .as("calls on weight 1 of 40 (expected 10 ± 1)")
        .isBetween(9, 11);
    assertThat(states[1].inFlight())
        .as("calls on weight 3 of 40 (expected 30 ± 1)")
        .isBetween(29, 31);
  }

  @Test
  void idleEqualEndpointsShareEvenly() {
    EndpointState[] states = group.states(4);
    ChildPicker picker = Strategies.leastRequest().create(states, ones(4), RandomSource.seeded(5));

    int[] counts = count(picker, states, 40_000);

    for (int i = 0; i < counts.length; i++) {
      assertThat((double) counts[i])
          .as("idle equal endpoint %d: 10 000 ± 3 %%", i)
          .isCloseTo(10_000, within(300.0));
    }
  }

  @Test
  void singleEndpointIsAlwaysPicked() {
    EndpointState[] states = group.states(1);
    states[0].acquire();
    ChildPicker picker = Strategies.leastRequest().create(states, ones(1), RandomSource.seeded(6));

    assertThat(picker.pick(PickContext.DEFAULT)).isSameAs(states[0]);
  }
}
