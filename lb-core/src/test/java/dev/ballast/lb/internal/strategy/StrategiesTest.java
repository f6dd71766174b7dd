package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static dev.ballast.lb.internal.strategy.TestGroup.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import dev.ballast.lb.internal.StrategyFactory;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StrategiesTest {
  private final TestGroup group = new TestGroup();

  @Test
  void namesMapToTheirPickers() {
    EndpointState[] states = group.states(3);
    double[] w = weights(1, 2, 3);

    assertThat(create(Strategy.ROUND_ROBIN, states, w)).isInstanceOf(RoundRobinPicker.class);
    assertThat(create(Strategy.WEIGHTED_ROUND_ROBIN, states, w))
        .isInstanceOf(WeightedRoundRobinPicker.class);
    assertThat(create(Strategy.RANDOM, states, w)).isInstanceOf(WeightedRandomPicker.class);
    assertThat(create(Strategy.LEAST_REQUEST, states, w)).isInstanceOf(LeastRequestPicker.class);
    assertThat(create(Strategy.PEAK_EWMA, states, w)).isInstanceOf(PeakEwmaPicker.class);
    assertThat(create(Strategy.RING_HASH, states, w)).isInstanceOf(RingHashPicker.class);
    assertThat(Strategies.forName(Strategy.PEAK_EWMA)).isSameAs(Strategies.peakEwma());
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void everyPickIsAMemberOfTheGroup(Strategy strategy) {
    for (int n = 1; n <= 6; n++) {
      EndpointState[] states = group.states(n);
      ChildPicker picker = create(strategy, states, ones(n));
      for (int i = 0; i < 200; i++) {
        PickContext context = i % 2 == 0 ? PickContext.DEFAULT : PickContext.withAffinity("k" + i);
        EndpointState chosen = picker.pick(context);
        assertThat(chosen)
            .as("%s over %d endpoints", strategy, n)
            .isNotNull()
            .isIn((Object[]) states);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void picksAllocateNothing(Strategy strategy) {
    EndpointState[] states = group.states(10);
    ChildPicker picker = create(strategy, states, weights(1, 2, 3, 4, 5, 1, 2, 3, 4, 5));
    PickContext affinity = PickContext.withAffinity("user-42");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported())
        .as("allocation counter available")
        .isTrue();
    long thread = Thread.currentThread().getId();
    int sink = 0;
    for (int i = 0; i < 20_000; i++) { // warm up: class loading and lazy init allocate
      sink += picker.pick(i % 2 == 0 ? PickContext.DEFAULT : affinity).inFlight();
    }

    // The least of three rounds: a round that overlaps JIT compilation, or the JVM's own
    // bookkeeping on a loaded machine, can be charged a few kB the picker never allocated.
    long allocated = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 100_000; i++) {
        sink += picker.pick(i % 2 == 0 ? PickContext.DEFAULT : affinity).inFlight();
      }
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
    }

    assertThat(sink).isZero();
    // One 16-byte object per pick would be 1.6 MB; allow a little for the measurement itself.
    assertThat(allocated).as("bytes allocated by 100 000 %s picks", strategy).isLessThan(4096);
  }

  @Test
  void rejectsAnEmptyGroup() {
    assertThatThrownBy(
            () ->
                Strategies.roundRobin()
                    .create(new EndpointState[0], new double[0], RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoints: [] (expected: at least one endpoint)");
  }

  @Test
  void rejectsMismatchedWeights() {
    assertThatThrownBy(
            () -> Strategies.random().create(group.states(3), ones(2), RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights: 2 values (expected: 3, one per endpoint)");
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void rejectsNonPositiveOrNonFiniteWeights(Strategy strategy) {
    StrategyFactory factory = Strategies.forName(strategy);
    EndpointState[] states = group.states(2);
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> factory.create(states, weights(1, bad), RandomSource.seeded(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("weights[1]: " + bad + " (expected: a finite number > 0)");
    }
  }

  private static ChildPicker create(Strategy strategy, EndpointState[] states, double[] weights) {
    return Strategies.forName(strategy).create(states, weights, RandomSource.seeded(42));
  }
}
