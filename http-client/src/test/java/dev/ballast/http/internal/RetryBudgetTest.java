package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);

  private int withdrawAll(RetryBudget budget) {
    int n = 0;
    while (budget.tryWithdraw()) {
      n++;
      if (n > 100_000) {
        throw new AssertionError("unbounded budget");
      }
    }
    return n;
  }

  @Test
  void allowsPercentOfCallsPlusTheFloor() {
    RetryBudget budget = new RetryBudget(now::get, 20, 10);
    for (int i = 0; i < 1000; i++) {
      budget.deposit();
    }
    // 20 % of 1000 calls plus 10/s over the 10 s window.
    assertThat(withdrawAll(budget)).isEqualTo(200 + 100);
  }

  @Test
  void aDeadZoneCannotTripleTheLoad() {
    RetryBudget budget = new RetryBudget(now::get, 20, 10);
    long calls = 0;
    long retries = 0;
    // 60 s at 1000 calls/s where every call wants two retries.
    for (int second = 0; second < 60; second++) {
      for (int i = 0; i < 1000; i++) {
        budget.deposit();
        calls++;
        for (int r = 0; r < 2 && budget.tryWithdraw(); r++) {
          retries++;
        }
      }
      now.addAndGet(1_000_000_000L);
    }
    double amplification = (calls + retries) / (double) calls;
    assertThat(amplification).isBetween(1.15, 1.25);
  }

  @Test
  void oldDepositsExpireAfterTheWindow() {
    RetryBudget budget = new RetryBudget(now::get, 50, 0);
    for (int i = 0; i < 100; i++) {
      budget.deposit();
    }
    now.addAndGet(9_000_000_000L);
    assertThat(budget.tryWithdraw()).isTrue();
    now.addAndGet(2_000_000_000L);
    assertThat(budget.tryWithdraw()).as("deposits older than 10 s no longer count").isFalse();
  }

  @Test
  void aQuietServiceStillGetsTheFloor() {
    RetryBudget budget = new RetryBudget(now::get, 20, 1);
    assertThat(withdrawAll(budget)).isEqualTo(10);
  }
}
