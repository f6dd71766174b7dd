package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolGateTest {
  @Test
  void letsInAsManyAsTheCapacityAndNoMore() throws Exception {
    PoolGate gate = new PoolGate(() -> 2);
    assertThat(gate.enter(0)).isTrue();
    assertThat(gate.enter(0)).isTrue();
    assertThat(gate.enter(0)).isFalse();
    assertThat(gate.inUse()).isEqualTo(2);
  }

  @Test
  void aLeaveLetsTheWaiterIn() throws Exception {
    PoolGate gate = new PoolGate(() -> 1);
    assertThat(gate.enter(0)).isTrue();
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.enter(TimeUnit.SECONDS.toNanos(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    gate.leave();
    assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.inUse()).isEqualTo(1);
  }

  @Test
  void enterAnywayGoesPastTheCapacityAndEachLeaveGivesOneBack() throws Exception {
    PoolGate gate = new PoolGate(() -> 1);
    assertThat(gate.enter(0)).isTrue();
    gate.enterAnyway();
    assertThat(gate.inUse()).isEqualTo(2);
    gate.leave();
    assertThat(gate.enter(0)).as("one of two given back: still full").isFalse();
    gate.leave();
    assertThat(gate.enter(0)).isTrue();
  }

  @Test
  void readsTheCapacityAtEachEntry() throws Exception {
    AtomicInteger capacity = new AtomicInteger(1);
    PoolGate gate = new PoolGate(capacity::get);
    assertThat(gate.enter(0)).isTrue();
    assertThat(gate.enter(0)).isFalse();
    capacity.set(2); // maximumPoolSize raised through HikariCP's config MXBean
    assertThat(gate.enter(0)).isTrue();
  }

  @Test
  void neverCountsBelowZero() throws Exception {
    PoolGate gate = new PoolGate(() -> 1);
    gate.leave();
    assertThat(gate.inUse()).isZero();
    assertThat(gate.enter(0)).isTrue();
    assertThat(gate.enter(0)).isFalse();
  }
}
