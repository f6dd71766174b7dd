package dev.ballast.lb.internal.strategy;

import static dev.ballast.lb.internal.strategy.TestGroup.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Outcome;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Four threads share one picker and the endpoints' live counters. */
class StrategyRaceTest {
  private static final int THREADS = 4;
  private static final int PICKS_PER_THREAD = 25_000;
  private static final int N = 10;

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void concurrentPicksAndCompletionsLeaveNoCallInFlight(Strategy strategy) throws Exception {
    TestGroup group = new TestGroup();
    EndpointState[] states = group.states(N);
    ChildPicker picker =
        Strategies.forName(strategy).create(states, TestGroup.ones(N), RandomSource.threadLocal());
    AtomicIntegerArray counts = new AtomicIntegerArray(N);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  EndpointState[] held = new EndpointState[4];
                  for (int i = 0; i < PICKS_PER_THREAD; i++) {
                    PickContext context =
                        i % 3 == 0
                            ? PickContext.withAffinity("k" + (i % 100))
                            : PickContext.DEFAULT;
                    EndpointState chosen = picker.pick(context);
                    chosen.acquire();
                    counts.incrementAndGet(indexOf(states, chosen));
                    // Keep a few calls open so P2C sees changing loads; complete the oldest.
                    int slot = i % held.length;
                    if (held[slot] != null) {
                      held[slot].complete(
                          (i + thread) % 7 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, 1_000L + i);
                    }
                    held[slot] = chosen;
                  }
                  for (EndpointState h : held) {
                    if (h != null) {
                      h.complete(Outcome.CANCELLED, 0);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("workers stopped").isTrue();
    }

    int total = 0;
    for (int i = 0; i < N; i++) {
      assertThat(states[i].inFlight())
          .as("%s: in flight on %s after all completions", strategy, states[i])
          .isZero();
      total += counts.get(i);
    }
    assertThat(total).as("picks counted").isEqualTo(THREADS * PICKS_PER_THREAD);
    if (strategy == Strategy.ROUND_ROBIN) {
      for (int i = 0; i < N; i++) {
        assertThat(counts.get(i))
            .as(
                "round robin under contention: exactly %d picks each",
                THREADS * PICKS_PER_THREAD / N)
            .isEqualTo(THREADS * PICKS_PER_THREAD / N);
      }
    }
  }
}
