package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.FEEDBACK;
import static dev.ballast.lb.internal.PolicyFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.HealthProbe;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.ManualClock;
import dev.ballast.lb.RandomSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ActiveHealthCheckTest {
  private final ManualClock clock = new ManualClock();
  private final ControlPlane control = new ControlPlane();
  private final LbConfig config =
      LbConfig.builder()
          .healthCheckInterval(Duration.ofSeconds(1))
          .healthCheckJitter(0)
          .healthCheckTimeout(Duration.ofMillis(300))
          .healthyThreshold(2)
          .unhealthyThreshold(3)
          .build();
  private final Deque<CompletableFuture<Boolean>> answers = new ArrayDeque<>();
  private final List<String> transitions = new ArrayList<>();
  private final Membership membership = new Membership(config, FEEDBACK, noListener());

  private ActiveHealthCheck check(@Nullable HealthProbe probe) {
    return new ActiveHealthCheck(
        config,
        probe,
        clock,
        control,
        RandomSource.seeded(1),
        membership,
        (m, healthy) -> transitions.add(m.endpoint().id() + (healthy ? " healthy" : " unhealthy")));
  }

  private final HealthProbe probe =
      e -> {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        answers.add(f);
        return f;
      };

  private Member join(ActiveHealthCheck check) {
    membership.apply(new EndpointSet(1, List.of(endpoint("a1", "a"))), clock.nanoTime());
    Member m = membership.get("a1");
    control.execute(() -> check.start(m));
    clock.advance(0, TimeUnit.SECONDS); // no jitter: the first probe runs at once
    return m;
  }

  /** Answers the running probe, then lets the next one start. */
  private void probeAnswers(boolean healthy) {
    CompletableFuture<Boolean> f = answers.poll();
    assertThat(f).as("a probe ran").isNotNull();
    f.complete(healthy);
    clock.advance(1, TimeUnit.SECONDS);
  }

  @Test
  void changesHealthOnlyAfterTheThresholdInARow() {
    Member m = join(check(probe));
    probeAnswers(false);
    probeAnswers(false);
    probeAnswers(true);
    probeAnswers(false);
    probeAnswers(false);
    assertThat(m.healthy).as("two failures, a pass, two failures").isTrue();
    probeAnswers(false);
    assertThat(m.healthy).isFalse();
    probeAnswers(true);
    assertThat(m.healthy).isFalse();
    probeAnswers(true);
    assertThat(m.healthy).isTrue();
    assertThat(transitions).containsExactly("a1 unhealthy", "a1 healthy");
  }

  @Test
  void aProbeThatDoesNotAnswerInTimeFailsAndItsLateAnswerIsIgnored() {
    Member m = join(check(probe));
    for (int i = 0; i < 3; i++) {
      clock.advance(300, TimeUnit.MILLISECONDS); // the timeout
      clock.advance(1, TimeUnit.SECONDS); // the next probe starts
    }
    assertThat(m.healthy).isFalse();
    for (int i = 0; i < 3; i++) {
      answers.poll().complete(true);
    }
    assertThat(m.probePasses).as("late answers count for nothing").isZero();
    assertThat(transitions).containsExactly("a1 unhealthy");
  }

  @Test
  void aProbeThatThrowsFails() {
    Member m =
        join(
            check(
                e -> {
                  throw new IllegalStateException("no route");
                }));
    clock.advance(3, TimeUnit.SECONDS);
    assertThat(m.healthy).isFalse();
  }

  @Test
  void withoutAProbeOrAfterCloseNothingIsScheduled() {
    join(check(null));
    assertThat(clock.pendingTasks()).isZero();

    ActiveHealthCheck closed = check(probe);
    closed.close();
    join(closed);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void aMemberThatLeftIsProbedNoMore() {
    join(check(probe));
    membership.apply(new EndpointSet(2, List.of()), clock.nanoTime());
    answers.poll().complete(false);
    clock.advance(2, TimeUnit.SECONDS);
    assertThat(answers).isEmpty();
    assertThat(transitions).isEmpty();
  }

  private static Membership.Listener noListener() {
    return new Membership.Listener() {
      @Override
      public void onAdded(Member m, boolean initial, long now) {}

      @Override
      public void onRemoved(Member m) {}
    };
  }
}
