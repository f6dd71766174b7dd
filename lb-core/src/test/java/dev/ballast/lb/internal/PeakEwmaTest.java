package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The peak-EWMA arithmetic on its own: each rule of {@link PeakEwma} with numbers worked by hand.
 */
class PeakEwmaTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final double INVERSE_TAU = 1.0 / TimeUnit.SECONDS.toNanos(10);

  @Test
  void decayWeightIsExpOfMinusXOnBothSidesOfTheTaylorBranch() {
    for (double x : new double[] {0, 1e-7, 1e-4, 9.99e-4, 1e-3, 0.01, 1, 5}) {
      assertThat(PeakEwma.decayWeight(x)).as("x = %s", x).isCloseTo(Math.exp(-x), within(1e-9));
    }
  }

  @Test
  void aDecayedEstimateFollowsTimeAndIsNeverZero() {
    // One τ_idle of 125 ms: e^-1 of the estimate.
    double rate = PeakEwma.idleDecayRate(PeakEwma.IDLE_DECAY_RATIO * INVERSE_TAU, 0);
    assertThat(PeakEwma.decayed(100 * MS, 125 * MS, rate))
        .isCloseTo((long) (100 * MS * Math.exp(-1)), within(1000L));
    // Each backoff step doubles τ_idle: at step 2, 500 ms is one τ_idle.
    double slower = PeakEwma.idleDecayRate(PeakEwma.IDLE_DECAY_RATIO * INVERSE_TAU, 2);
    assertThat(PeakEwma.decayed(100 * MS, 500 * MS, slower))
        .isCloseTo((long) (100 * MS * Math.exp(-1)), within(1000L));
    assertThat(PeakEwma.decayed(100 * MS, 1000 * 125 * MS, rate)).as("sampled: never 0").isOne();
  }

  @Test
  void aSampleAboveTheEstimateReplacesItAndALowerOneIsBlendedByTheTimeItCovers() {
    assertThat(PeakEwma.next(0, 0, 7 * MS, 7 * MS, INVERSE_TAU))
        .as("first sample")
        .isEqualTo(7 * MS);
    assertThat(PeakEwma.next(10 * MS, 10 * MS, 30 * MS, 30 * MS, INVERSE_TAU))
        .as("peak")
        .isEqualTo(30 * MS);
    // 10 ms then a 5 ms sample covering 1 s of τ = 10 s: w = e^-0.1.
    double w = Math.exp(-0.1);
    assertThat(PeakEwma.next(10 * MS, 10 * MS, 5 * MS, 1000 * MS, INVERSE_TAU))
        .isCloseTo((long) (10 * MS * w + 5 * MS * (1 - w)), within(10L));
    assertThat(PeakEwma.next(10 * MS, 10 * MS, 5 * MS, 0, INVERSE_TAU))
        .as("within one tick of the previous sample: nothing added")
        .isEqualTo(10 * MS);
    assertThat(PeakEwma.next(10 * MS, 4 * MS, 5 * MS, 5 * MS, INVERSE_TAU))
        .as("above the idle-decayed estimate it was chosen on: a peak")
        .isEqualTo(5 * MS);
  }

  @Test
  void aRetryThatRefutesTheOldEstimateStartsTheBackoffAgain() {
    // A 20 ms outlier, then 5 ms: the peak was not the endpoint.
    assertThat(PeakEwma.nextBackoff(4, 5 * MS, 20 * MS, 4 * MS)).isZero();
  }

  @Test
  void aRetryThatFindsTheEndpointStillSlowQuadruplesTauIdle() {
    // A 500 ms instance retried once its estimate had decayed to 150 ms, answering in 500 ms again:
    // two steps, so the longest τ_idle comes within three retries (with one step, five retries of
    // a 10× slower instance were 0.1 % of the calls at 80 % load, issue 12 §10).
    assertThat(PeakEwma.nextBackoff(0, 500 * MS, 500 * MS, 150 * MS)).isEqualTo(2);
    assertThat(PeakEwma.nextBackoff(PeakEwma.MAX_IDLE_BACKOFF - 1, 500 * MS, 500 * MS, 150 * MS))
        .as("capped")
        .isEqualTo(PeakEwma.MAX_IDLE_BACKOFF);
  }

  @Test
  void aRetryBeforeTheEstimateHalvedConfirmsNothing() {
    assertThat(PeakEwma.nextBackoff(1, 500 * MS, 500 * MS, 380 * MS)).isOne();
  }

  @Test
  void equalEndpointsTakingTurnsWithJitterNeverBackOff() {
    // Tried once its estimate decayed just under the other's, it answers near it, 5.5 or 6.6 ms on
    // a real host: jitter, not evidence. Counted as confirmation, it ratcheted τ_idle up until one
    // of two equal instances took every call (EqualInstancesShareTest: 0 and 300 of 300).
    assertThat(PeakEwma.nextBackoff(0, 5 * MS, 5 * MS, 4_900_000)).isZero();
    assertThat(PeakEwma.nextBackoff(0, 6_600_000, 5_500_000, 5_200_000)).isZero();
    assertThat(PeakEwma.nextBackoff(3, 11 * MS, 6 * MS, 5_400_000)).isEqualTo(3);
  }
}
