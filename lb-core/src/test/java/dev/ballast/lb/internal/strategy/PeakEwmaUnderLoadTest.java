package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.EndpointState;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Peak-EWMA in the setting of the benchmark's 80 %-load table (issue 12 §10), modelled on the fake
 * clock ({@link QueueingFleet}): 10 instances of 2 workers at 50 ms, one of them 10× slower, 291
 * calls per second. Routing, not timing, is asserted: the same model with all instances healthy is
 * the reference, as in the benchmark, and the goal is the issue's: p99 ≤ 1.5×, p99.9 ≤ 2×.
 */
class PeakEwmaUnderLoadTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int WORKERS = 2;
  private static final double RATE = 0.8 * (9 * WORKERS / 0.050 + WORKERS / 0.500);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aTenTimesSlowerInstanceDoesNotDragTheTailAtEightyPercentLoad(long seed) {
    // Before the slow instance stopped decaying while its retry ran, calls piled onto its two
    // workers: in this model p99 was 4.9–13.1× the all-healthy one and 1.1–1.4 % of calls went to
    // it; the benchmark measured 4.86× and 1.20 %. After that, with the cost ewma × (inFlight + 1)
    // and a backoff that never grew under load, it still took 0.42–0.57 % of the calls, each 500
    // ms: p99.9 4.1–4.2× here, 3.84× in the benchmark. p99.9 ≤ 2× needs under 0.1 %.
    QueueingFleet.Result healthy = run(50 * MS, seed);
    QueueingFleet.Result slow = run(500 * MS, seed);

    double ratio = slow.percentile(0.99) / (double) healthy.percentile(0.99);
    double tailRatio = slow.percentile(0.999) / (double) healthy.percentile(0.999);
    System.out.printf(
        "[measured] model of 80 %% load, seed %d: p99 %.1f vs %.1f ms all healthy (%.2f×), "
            + "p99.9 %.1f vs %.1f ms, slow instance %.2f %%%n",
        seed,
        slow.percentile(0.99) / 1e6,
        healthy.percentile(0.99) / 1e6,
        ratio,
        slow.percentile(0.999) / 1e6,
        healthy.percentile(0.999) / 1e6,
        100 * slow.share(0));
    assertThat(slow.share(0)).as("share of calls to the 500 ms instance").isLessThan(0.001);
    assertThat(ratio).as("p99 with the slow instance ÷ p99 all healthy").isLessThanOrEqualTo(1.5);
    assertThat(tailRatio)
        .as("p99.9 with the slow instance ÷ p99.9 all healthy")
        .isLessThanOrEqualTo(2.0);
  }

  private static QueueingFleet.Result run(long firstInstanceService, long seed) {
    TestGroup group = new TestGroup();
    EndpointState[] states = group.states(10);
    long[] service = new long[10];
    Arrays.fill(service, 50 * MS);
    service[0] = firstInstanceService;
    return QueueingFleet.run(
        group,
        states,
        Strategies.peakEwma().create(states, ones(10), RandomSource.seeded(seed)),
        service,
        WORKERS,
        RATE,
        3,
        20,
        seed * 31 + 7);
  }
}
