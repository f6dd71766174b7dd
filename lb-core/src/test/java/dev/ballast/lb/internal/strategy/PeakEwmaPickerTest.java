package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.count;
import static dev.ballast.lb.internal.strategy.TestGroup.indexOf;
import static dev.ballast.lb.internal.strategy.TestGroup.ones;
import static dev.ballast.lb.internal.strategy.TestGroup.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.lb.Outcome;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeakEwmaPickerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final TestGroup group = new TestGroup();

  /** How a simulated call on endpoint {@code index} ends. */
  /** τ_idle of the test group's τ (10 s): 250 ms. */
  private static final long IDLE_DECAY_NANOS =
      (long) (TestGroup.DECAY_NANOS / dev.ballast.lb.internal.PeakEwma.IDLE_DECAY_RATIO);

  interface Behaviour {
    Outcome outcome(int index);

    long latencyNanos(int index);
  }

  @Test
  void endpointWithTenTimesTheLatencyGetsAtMostFivePercent() {
    EndpointState[] states = group.states(10);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(10), RandomSource.seeded(1));
    Behaviour behaviour = fixedLatency(0, 100 * MS, 10 * MS);

    int[] counts = simulate(picker, states, behaviour, 20_000, 30);

    assertThat(counts[0])
        .as(
            "picks of the 10× slower endpoint among 10 (expected ≤ 5 %% of 20 000): %s",
            TestGroup.byId(states, counts))
        .isLessThanOrEqualTo(1000);
  }

  @Test
  void fastFailuresMakeAnEndpointExpensive() {
    EndpointState[] states = group.states(10);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(10), RandomSource.seeded(2));
    // Endpoint 0 answers in 1 ms, the others in 10 ms: the fastest one draws the most traffic.
    int[] before = simulate(picker, states, fixedLatency(0, 1 * MS, 10 * MS), 10_000, 30);
    assertThat(before[0])
        .as("share of the fastest endpoint before it fails (expected > 10 %)")
        .isGreaterThan(1000);

    // Now it fails, and fails fast (1 ms): failures are recorded as slow samples.
    Behaviour failingFast =
        new Behaviour() {
          @Override
          public Outcome outcome(int index) {
            return index == 0 ? Outcome.FAILURE : Outcome.SUCCESS;
          }

          @Override
          public long latencyNanos(int index) {
            return index == 0 ? 1 * MS : 10 * MS;
          }
        };
    int[] after = simulate(picker, states, failingFast, 10_000, 30);

    assertThat(states[0].ewmaNanos())
        .as("EWMA of the fast-failing endpoint (expected the 1 s failure penalty)")
        .isGreaterThanOrEqualTo(TestGroup.FAILURE_PENALTY_NANOS);
    assertThat(after[0])
        .as(
            "picks of the fast-failing endpoint (expected ≤ 1 %% of 10 000): %s",
            TestGroup.byId(states, after))
        .isLessThanOrEqualTo(100);
  }

  /**
   * Sequential calls, the fake clock moving by each call's latency: {@code warmUp} calls, then
   * {@code measured} counted ones. Each endpoint's first call takes 20 % longer than {@code
   * behaviour} says (a cold first request), later ones what it says, ± 2 % (seeded noise).
   */
  private int[] sequential(
      ChildPicker picker, EndpointState[] states, Behaviour behaviour, int warmUp, int measured) {
    int[] counts = new int[states.length];
    boolean[] warm = new boolean[states.length];
    java.util.SplittableRandom noise = new java.util.SplittableRandom(11);
    for (int i = 0; i < warmUp + measured; i++) {
      int e = indexOf(states, picker.pick(PickContext.DEFAULT));
      states[e].acquire();
      double factor = (warm[e] ? 1.0 : 1.2) * (1 + noise.nextDouble(-0.02, 0.02));
      long latency = (long) (behaviour.latencyNanos(e) * factor);
      warm[e] = true;
      group.advance(latency);
      states[e].complete(behaviour.outcome(e), latency);
      if (i >= warmUp) {
        counts[e]++;
      }
    }
    return counts;
  }

  @Test
  void twoEqualEndpointsShareSequentialCalls() {
    // Issue 12 §3: both answer in 5 ms; whichever looked slower once (its cold first call) kept
    // that estimate frozen while idle, and the other took 300 of 300 calls. Decayed by idle time,
    // the idle one grows cheaper and is tried again.
    EndpointState[] states = group.states(2);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(6));

    int[] counts = sequential(picker, states, fixedLatency(0, 5 * MS, 5 * MS), 10, 300);

    System.out.printf(
        "[measured] peak-ewma, two equal 5 ms endpoints: %s%n", TestGroup.byId(states, counts));
    assertThat(counts[0])
        .as("calls of 300 to e0 (expected 25–75 %%): %s", TestGroup.byId(states, counts))
        .isBetween(75, 225);
  }

  @Test
  void aTenTimesSlowerEndpointGetsAtMostOnePercentOfSequentialCalls() {
    EndpointState[] states = group.states(3);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(3), RandomSource.seeded(7));

    int[] counts = sequential(picker, states, fixedLatency(2, 50 * MS, 5 * MS), 10, 300);

    assertThat(counts[2])
        .as("calls of 300 to the 50 ms endpoint: %s", TestGroup.byId(states, counts))
        .isLessThanOrEqualTo(3);
    assertThat(counts[0]).as("calls to e0: %s", TestGroup.byId(states, counts)).isBetween(75, 225);
  }

  @Test
  void aFailingEndpointGetsNoneOfTheSequentialCalls() {
    EndpointState[] states = group.states(3);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(3), RandomSource.seeded(8));
    Behaviour e2Fails =
        new Behaviour() {
          @Override
          public Outcome outcome(int index) {
            return index == 2 ? Outcome.FAILURE : Outcome.SUCCESS;
          }

          @Override
          public long latencyNanos(int index) {
            return index == 2 ? MS : 5 * MS;
          }
        };

    int[] counts = sequential(picker, states, e2Fails, 10, 300);

    assertThat(counts[2])
        .as("calls to the failing endpoint: %s", TestGroup.byId(states, counts))
        .isZero();
  }

  @Test
  void theEstimateDecaysWithIdleTimeWhenRead() {
    EndpointState s = group.state("idle");
    assertThat(s.estimateNanos(group.sampleNanoTime())).as("unsampled").isZero();
    s.acquire();
    s.complete(Outcome.SUCCESS, 100 * MS);
    assertThat(s.estimateNanos(group.sampleNanoTime())).isEqualTo(100 * MS);
    // Idle, it decays with τ_idle = τ/40: nothing is known either way (see IDLE_DECAY_RATIO).
    group.advance(IDLE_DECAY_NANOS);
    assertThat(s.estimateNanos(group.sampleNanoTime()))
        .isCloseTo((long) (100 * MS * Math.exp(-1)), within(MS / 1000));
    assertThat(s.ewmaNanos()).as("reading writes nothing").isEqualTo(100 * MS);
    group.advance(TestGroup.DECAY_NANOS * 100);
    assertThat(s.estimateNanos(group.sampleNanoTime())).as("sampled: never 0 again").isOne();
  }

  @Test
  void anIdleEndpointsPeakIsForgottenAfterTauIdleTimesLnK() {
    // The mechanism behind issue 12 §3: e0's one call took 20 ms (a cold call, a pause), e1
    // answers in 5 ms, calls come one after another. e0 is tried again when its idle estimate
    // 20 ms × exp(-t/τ_idle) falls under e1's 5 ms: after τ_idle × ln 4 = 173.3 ms, not the
    // τ × ln 4 = 13.9 s it took when idle estimates decayed with τ.
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, 20 * MS);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 5 * MS);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(11));

    long start = group.sampleNanoTime();
    long expected = (long) (IDLE_DECAY_NANOS * Math.log(4));
    long firstRetry = firstPickOf(0, picker, states, Outcome.SUCCESS, 2000);

    assertThat(firstRetry - start)
        .as("time until e0 is tried again, ms")
        .isBetween(expected - 5 * MS, expected + 5 * MS);
    // Tried and found as fast as e1, it shares from then on.
    int[] counts = sequential(picker, states, fixedLatency(0, 5 * MS, 5 * MS), 0, 300);
    assertThat(counts[0]).as("calls of 300 to e0 after its retry").isBetween(75, 225);
    assertThat(states[0].idleBackoff()).as("the 20 ms peak was an outlier").isZero();
  }

  @Test
  void aSlowEndpointThatConfirmsItsEstimateIsRetriedAQuarterAsOftenEachTime() {
    // e0 answers in 50 ms, e1 in 5 ms. Each retry of e0 finds it 10× slower than the decayed
    // estimate it was chosen on, which doubles τ_idle twice, so the next comes four times as late:
    // after τ_idle × ln 10 = 0.29 s, then 1.15 s, then 4.6 s; the next would be 18 s on.
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, 50 * MS);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 5 * MS);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(13));

    java.util.List<Long> retries = new java.util.ArrayList<>();
    long start = group.sampleNanoTime();
    while (group.sampleNanoTime() - start < TestGroup.DECAY_NANOS) {
      long now = group.sampleNanoTime();
      int chosen = indexOf(states, picker.pick(PickContext.DEFAULT));
      long latency = chosen == 0 ? 50 * MS : 5 * MS;
      states[chosen].acquire();
      group.advance(latency);
      states[chosen].complete(Outcome.SUCCESS, latency);
      if (chosen == 0) {
        retries.add(now - start);
      }
    }

    assertThat(retries).as("retries of e0 in 10 s (at every 0.29 s: 34)").hasSize(3);
    for (int i = 1; i < retries.size(); i++) {
      double gap = retries.get(i) - retries.get(i - 1);
      double before = i == 1 ? retries.get(0) : retries.get(i - 1) - retries.get(i - 2);
      assertThat(gap / before).as("gap %d over the one before: %s", i, retries).isBetween(3.6, 4.4);
    }
    assertThat(states[0].idleBackoff())
        .isEqualTo(dev.ballast.lb.internal.PeakEwma.MAX_IDLE_BACKOFF);
  }

  @Test
  void anIdleSlowEndpointDoesNotTieABusyFastOne() {
    // Issue 12 §10: at 80 % load a fast instance's estimate (100 ms) already holds its queueing;
    // multiplied by all of its 4 calls in flight plus one it cost 500 ms, and an idle 500 ms
    // instance whose estimate had decayed to 350 ms won the pick. Each call in flight now adds a
    // third of the estimate: 100 × (1 + 4/3) = 233 ms against 350 ms.
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, 350 * MS);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 100 * MS);
    for (int i = 0; i < 4; i++) {
      states[1].acquire();
    }
    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(22));

    int[] counts = count(picker, states, 100);

    assertThat(counts[0])
        .as("picks of the idle 350 ms endpoint against the 100 ms one with 4 in flight")
        .isZero();
    // The in-flight term still decides between like estimates: with 7 in flight (cost 100 × 10/3
    // = 333 ms against 350 ms) the fast one still wins; with 8 (367 ms) the idle one does.
    for (int i = 0; i < 3; i++) {
      states[1].acquire();
    }
    assertThat(count(picker, states, 100)[0]).as("against 7 in flight").isZero();
    states[1].acquire();
    assertThat(count(picker, states, 100)[0]).as("against 8 in flight").isEqualTo(100);
  }

  @Test
  void anEndpointWhoseLastCallFailedIsNotRetriedForBeingIdle() {
    // A failure is a sample of the penalty (1 s); trying the endpoint again costs a failed call,
    // not a slow one, so its idle estimate keeps the slow decay: 1 s × exp(-t/τ) stays above 5 ms
    // for 53 s, far beyond these 10 s of calls.
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.FAILURE, MS);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 5 * MS);
    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(12));

    long start = group.sampleNanoTime();
    long firstRetry = firstPickOf(0, picker, states, Outcome.FAILURE, 2000);

    assertThat(firstRetry).as("e0 was tried again %d ms in", (firstRetry - start) / MS).isZero();
  }

  @Test
  void aDecayedSlowEndpointTakesOneProbeAtATimeWhileCallsOverlap() {
    // Issue 12 §10: at 80 % of capacity the 10× slower instance's estimate kept decaying with the
    // time since its last sample while its retry was still running, so the picks that came during
    // those 500 ms saw it grow ever cheaper and piled onto its 2 workers (12–15 calls at once in a
    // simulation of the benchmark; p99.9 25.85× the all-healthy figure). An endpoint with a call
    // in flight is not idle: it is tried once, and its cost stays its estimate until that answers.
    EndpointState[] states = group.states(10);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, 500 * MS);
    for (int i = 1; i < 10; i++) {
      states[i].acquire();
      states[i].complete(Outcome.SUCCESS, 50 * MS);
    }
    ChildPicker picker = Strategies.peakEwma().create(states, ones(10), RandomSource.seeded(21));
    // One call every 4 ms (250/s), each fast one answering after 50 ms: ~1.4 in flight on each.
    java.util.ArrayDeque<long[]> fastCalls = new java.util.ArrayDeque<>();
    long probeAt = 0;
    int probes = 0;
    int mostInFlight = 0;
    for (int i = 0;
        i < 5_000 && (probeAt == 0 || group.sampleNanoTime() - probeAt < 500 * MS);
        i++) {
      group.advance(4 * MS);
      long now = group.sampleNanoTime();
      while (!fastCalls.isEmpty() && fastCalls.peek()[0] <= now) {
        states[(int) fastCalls.poll()[1]].complete(Outcome.SUCCESS, 50 * MS);
      }
      int chosen = indexOf(states, picker.pick(PickContext.DEFAULT));
      states[chosen].acquire();
      if (chosen == 0) {
        // The slow endpoint's calls stay outstanding: the window ends before the first answers.
        probeAt = probeAt == 0 ? now : probeAt;
        probes++;
        mostInFlight = Math.max(mostInFlight, states[0].inFlight());
      } else {
        fastCalls.add(new long[] {now + 50 * MS, chosen});
      }
    }

    assertThat(probeAt).as("the idle slow endpoint is tried again within 20 s").isNotZero();
    assertThat(probes)
        .as("picks of the 500 ms endpoint during its first retry's 500 ms (expected 1)")
        .isEqualTo(1);
    assertThat(mostInFlight).isOne();
  }

  /**
   * Sequential 5 ms calls (e1 succeeds, {@code index} ends with {@code outcome}) until {@code
   * index} is picked: returns the fake time of that pick, or 0 if it never was.
   */
  private long firstPickOf(
      int index, ChildPicker picker, EndpointState[] states, Outcome outcome, int maxCalls) {
    for (int i = 0; i < maxCalls; i++) {
      long now = group.sampleNanoTime();
      int chosen = indexOf(states, picker.pick(PickContext.DEFAULT));
      states[chosen].acquire();
      group.advance(5 * MS);
      states[chosen].complete(chosen == index ? outcome : Outcome.SUCCESS, 5 * MS);
      if (chosen == index) {
        return now;
      }
    }
    return 0;
  }

  @Test
  void aCallThatWasNeverSentTeachesNothing() {
    EndpointState s = group.state("queued");
    s.acquire();
    s.complete(Outcome.SUCCESS, 10 * MS);
    long stamp = s.lastSampleNanos();
    group.advance(MS);
    // Waited 500 ms for this client's own pool, then gave up: nothing reached the endpoint.
    s.acquire();
    s.complete(Outcome.NOT_SENT, 500 * MS);
    assertThat(s.ewmaNanos()).isEqualTo(10 * MS);
    assertThat(s.lastSampleNanos()).isEqualTo(stamp);
    assertThat(s.inFlight()).isZero();
    assertThat(s.consecutiveFailures()).isZero();
  }

  @Test
  void unsampledEndpointIsProbedButNotFlooded() {
    EndpointState[] states = group.states(10);
    for (int i = 1; i < 10; i++) {
      states[i].acquire();
      states[i].complete(Outcome.SUCCESS, 10 * MS);
    }
    ChildPicker picker = Strategies.peakEwma().create(states, ones(10), RandomSource.seeded(3));

    // Idle and unknown costs 0: the newcomer wins as soon as it is drawn.
    int picksUntilProbe = 0;
    EndpointState chosen;
    do {
      chosen = picker.pick(PickContext.DEFAULT);
      picksUntilProbe++;
    } while (chosen != states[0] && picksUntilProbe < 100);
    assertThat(chosen).as("the unsampled endpoint is picked within 100 picks").isSameAs(states[0]);

    // While its first call is outstanding it costs penalty (100 ms) × 2: not flooded.
    states[0].acquire();
    int[] whileProbing = count(picker, states, 1000);
    assertThat(whileProbing[0])
        .as("picks of the unsampled endpoint while its probe is in flight")
        .isZero();

    // Its first answer (5 ms) makes it a regular, attractive endpoint.
    states[0].complete(Outcome.SUCCESS, 5 * MS);
    int[] afterProbe = count(picker, states, 1000);
    assertThat(afterProbe[0])
        .as("picks of the probed endpoint once it answered fast (> 10 %)")
        .isGreaterThan(100);
  }

  @Test
  void penaltyIsConfigurable() {
    EndpointState[] states = group.states(2);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 50 * MS);
    states[0].acquire(); // unsampled, one call outstanding: cost = penalty × 2

    ChildPicker lowPenalty =
        Strategies.peakEwma(10 * MS).create(states, ones(2), RandomSource.seeded(4));
    ChildPicker defaultPenalty =
        Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(4));

    assertThat(lowPenalty.pick(PickContext.DEFAULT))
        .as("10 ms × 2 beats 50 ms × 1")
        .isSameAs(states[0]);
    assertThat(defaultPenalty.pick(PickContext.DEFAULT))
        .as("100 ms × 2 loses to 50 ms × 1")
        .isSameAs(states[1]);
    assertThat(Strategies.DEFAULT_PEAK_EWMA_PENALTY_NANOS).isEqualTo(100 * MS);
  }

  @Test
  void rejectsNonPositivePenalty() {
    assertThatThrownBy(() -> Strategies.peakEwma(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("penaltyNanos: 0 (expected: a duration in nanoseconds > 0)");
  }

  @Test
  void weightDividesCost() {
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, 30 * MS);
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 20 * MS);

    ChildPicker picker =
        Strategies.peakEwma().create(states, weights(2, 1), RandomSource.seeded(5));

    // 30 ms / 2 = 15 < 20 ms / 1.
    assertThat(count(picker, states, 100)[0])
        .as("picks of the heavier, slightly slower endpoint")
        .isEqualTo(100);
  }

  @Test
  void aHugeEstimateTimesCallsInFlightSaturatesInsteadOfWrappingToCheap() {
    // Costs are integers (nanoseconds × calls): 2^62 ns × 4 calls overflows a long. Wrapped, it
    // would be negative, the cheapest cost there is, and the slowest endpoint would take every
    // call.
    EndpointState[] states = group.states(2);
    states[0].acquire();
    states[0].complete(Outcome.SUCCESS, Long.MAX_VALUE / 2);
    for (int i = 0; i < 3; i++) {
      states[0].acquire();
    }
    states[1].acquire();
    states[1].complete(Outcome.SUCCESS, 10 * MS);

    ChildPicker picker = Strategies.peakEwma().create(states, ones(2), RandomSource.seeded(12));

    assertThat(count(picker, states, 100)[1])
        .as("picks of the 10 ms endpoint against one estimated at 2^62 ns with 3 calls in flight")
        .isEqualTo(100);
  }

  @Test
  void saturatedMultiplyClampsAtTheRangeOfLong() {
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(10 * MS, 4)).isEqualTo(40 * MS);
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(Long.MAX_VALUE / 2, 2))
        .isEqualTo(Long.MAX_VALUE - 1);
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(Long.MAX_VALUE / 2, 3))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(Long.MAX_VALUE, Integer.MAX_VALUE + 1L))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(Long.MAX_VALUE / 2, -3))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(PowerOfTwoChoicesPicker.saturatedMultiply(5, -1)).isEqualTo(-5);
  }

  private static Behaviour fixedLatency(int special, long specialLatency, long otherLatency) {
    return new Behaviour() {
      @Override
      public Outcome outcome(int index) {
        return Outcome.SUCCESS;
      }

      @Override
      public long latencyNanos(int index) {
        return index == special ? specialLatency : otherLatency;
      }
    };
  }

  /**
   * Runs {@code picks} calls with {@code concurrency} always outstanding: each new pick first
   * completes the oldest call. The fake clock advances 1 ms per pick. Returns picks per endpoint.
   */
  private int[] simulate(
      ChildPicker picker, EndpointState[] states, Behaviour behaviour, int picks, int concurrency) {
    int[] counts = new int[states.length];
    int[] window = new int[concurrency];
    java.util.Arrays.fill(window, -1);
    for (int i = 0; i < picks; i++) {
      int slot = i % concurrency;
      if (window[slot] >= 0) {
        int e = window[slot];
        states[e].complete(behaviour.outcome(e), behaviour.latencyNanos(e));
      }
      group.advance(MS);
      int chosen = indexOf(states, picker.pick(PickContext.DEFAULT));
      states[chosen].acquire();
      counts[chosen]++;
      window[slot] = chosen;
    }
    for (int e : window) {
      if (e >= 0) {
        states[e].complete(behaviour.outcome(e), behaviour.latencyNanos(e));
      }
    }
    return counts;
  }

  @Test
  void decayFollowsElapsedTimeNotCallCount() {
    EndpointState s = group.state("decay");
    s.acquire();
    s.complete(Outcome.SUCCESS, 100 * MS);
    assertThat(s.ewmaNanos()).isEqualTo(100 * MS);
    // Faster samples with no time elapsed (one tick of the coarse clock) leave the estimate alone.
    for (int i = 0; i < 1000; i++) {
      s.acquire();
      s.complete(Outcome.SUCCESS, MS);
    }
    assertThat(s.ewmaNanos()).isEqualTo(100 * MS);
    // A peak replaces the estimate at once, whatever the time.
    s.acquire();
    s.complete(Outcome.SUCCESS, 200 * MS);
    assertThat(s.ewmaNanos()).isEqualTo(200 * MS);
    // Busy for τ (10 s) with 10 ms calls back to back: the faster samples together carry weight
    // 1 - 1/e, however many calls that is.
    for (int i = 0; i < 1000; i++) {
      group.advance(10 * MS);
      s.acquire();
      s.complete(Outcome.SUCCESS, 10 * MS);
    }
    double w = Math.exp(-1);
    assertThat(s.ewmaNanos()).isCloseTo((long) (200 * MS * w + 10 * MS * (1 - w)), within(MS / 10));
    assertThat(s.lastSampleNanos()).isEqualTo(group.sampleNanoTime());
  }

  @Test
  void aCancelledCallsLatencyIsALowerBound() {
    EndpointState s = group.state("hedged");
    s.acquire();
    s.complete(Outcome.SUCCESS, 10 * MS);
    // Abandoned after 5 ms: says nothing new (the estimate is already above it).
    s.acquire();
    s.complete(Outcome.CANCELLED, 5 * MS);
    assertThat(s.ewmaNanos()).isEqualTo(10 * MS);
    s.acquire();
    s.complete(Outcome.CANCELLED, 0);
    assertThat(s.ewmaNanos()).isEqualTo(10 * MS);
    // A hedge that lost after 40 ms: the endpoint is at least that slow.
    s.acquire();
    s.complete(Outcome.CANCELLED, 40 * MS);
    assertThat(s.ewmaNanos()).isEqualTo(40 * MS);
    assertThat(s.inFlight()).isZero();
    assertThat(s.consecutiveFailures()).isZero();
  }
}
