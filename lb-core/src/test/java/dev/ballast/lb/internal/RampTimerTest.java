package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RampTimerTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger rebuilds = new AtomicInteger();

  private RampTimer timer(Duration window) {
    return new RampTimer(
        new SlowStart(window, 1.0, 0.1), clock, new ControlPlane(), rebuilds::incrementAndGet);
  }

  @Test
  void startsTheRampAndAsksForOneRebuildPerStep() {
    RampTimer timer = timer(Duration.ofSeconds(2));
    Member a = member("a1", "a");
    Member b = member("a2", "a");
    timer.start(a, clock.nanoTime());
    timer.start(b, clock.nanoTime());

    assertThat(a.rampStartNanos).isEqualTo(clock.nanoTime());
    assertThat(clock.pendingTasks()).as("one timer for any number of ramps").isOne();
    clock.advance(100, TimeUnit.MILLISECONDS); // a step: 2 s / 20
    assertThat(rebuilds).hasValue(1);
    assertThat(clock.pendingTasks()).as("the rebuild asks again while ramping").isZero();
    timer.scheduleStep();
    assertThat(clock.pendingTasks()).isOne();
  }

  @Test
  void withoutAWindowNothingRamps() {
    RampTimer timer = timer(Duration.ZERO);
    Member a = member("a1", "a");
    timer.start(a, clock.nanoTime());
    assertThat(a.rampStartNanos).isEqualTo(SlowStart.NOT_RAMPING);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void closeCancelsThePendingStep() {
    RampTimer timer = timer(Duration.ofSeconds(2));
    timer.start(member("a1", "a"), clock.nanoTime());
    timer.close();
    clock.advance(1, TimeUnit.SECONDS);
    assertThat(rebuilds).hasValue(0);
    timer.scheduleStep();
    assertThat(clock.pendingTasks()).isZero();
  }
}
