package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoarseClockTest {
  @Test
  void runsWhileRetainedAndIsJoinedByTheLastRelease() throws Exception {
    int before = CoarseClock.users();
    CoarseClock.retain();
    try {
      assertThat(CoarseClock.isRunning()).isTrue();
      assertThat(clockThreads()).isNotEmpty();
      long first = CoarseClock.now();
      // Bounded wait for a real thread to tick; the assertion is only that it moves.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (CoarseClock.now() == first && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(CoarseClock.now()).isGreaterThan(first);
    } finally {
      CoarseClock.release();
    }
    assertThat(CoarseClock.users()).isEqualTo(before);
    if (before == 0) {
      assertThat(CoarseClock.isRunning()).isFalse();
      // release() joins the thread for a bounded time only; a starved machine may need longer
      long threadDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!clockThreads().isEmpty() && System.nanoTime() < threadDeadline) {
        Thread.onSpinWait();
      }
      assertThat(clockThreads()).isEmpty();
    }
  }

  @Test
  void aBalancerOnTheSystemTickerHoldsTheClockUntilClosed() {
    int before = CoarseClock.users();
    LoadBalancer lb =
        LoadBalancer.builder("clock")
            .source(EndpointSource.of(List.of(Endpoint.of("127.0.0.1", 9000))))
            .build();
    assertThat(CoarseClock.users()).isEqualTo(before + 1);
    Pick p = lb.pick();
    p.complete(Outcome.SUCCESS, 1_000_000);
    lb.close();
    lb.close();
    assertThat(CoarseClock.users()).isEqualTo(before);
  }

  private static List<Thread> clockThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("ballast-clock"))
        .toList();
  }
}
