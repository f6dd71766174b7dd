package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EjectionPolicyTest {
  private static final long S = 1_000_000_000L;
  private final EjectionPolicy policy =
      new EjectionPolicy(Duration.ofSeconds(30), Duration.ofSeconds(300), 50);

  @Test
  void anEjectionLastsBaseTimesTheMultiplierCappedAtTheMaximum() {
    assertThat(policy.duration(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.duration(3)).isEqualTo(Duration.ofSeconds(90));
    assertThat(policy.duration(10)).isEqualTo(Duration.ofSeconds(300));
    assertThat(policy.duration(11)).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void theMultiplierDecaysOneStepPerBaseTimeOfGoodHealth() {
    assertThat(policy.decayed(0, 0, 1000 * S)).isZero();
    assertThat(policy.decayed(4, 0, 29 * S)).as("less than one base time").isEqualTo(4);
    assertThat(policy.decayed(4, 0, 30 * S)).isEqualTo(3);
    assertThat(policy.decayed(4, 0, 95 * S)).isEqualTo(1);
    assertThat(policy.decayed(4, 0, 3600 * S)).as("never below zero").isZero();
    assertThat(policy.decayed(10, 0, 0)).as("ten ejections: the cap until decayed").isEqualTo(10);
  }

  @Test
  void atLeastOneAndAtMostTheConfiguredPercentMayBeOut() {
    assertThat(policy.mayEjectAnother(0, 1)).as("one of one: at least one may").isTrue();
    assertThat(policy.mayEjectAnother(1, 3)).isFalse();
    assertThat(policy.mayEjectAnother(1, 4)).isTrue();
    assertThat(policy.mayEjectAnother(2, 4)).isFalse();
    EjectionPolicy off = new EjectionPolicy(Duration.ofSeconds(30), Duration.ofSeconds(300), 0);
    assertThat(off.mayEjectAnother(0, 10)).isFalse();
  }
}
