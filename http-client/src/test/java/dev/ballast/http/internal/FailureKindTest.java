package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Outcome;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FailureKindTest {
  @Test
  void waitsInsideTheClientTeachTheLoadBalancerNothing() {
    // Nothing reached the endpoint: no latency sample (a busy client would make it look slow) and
    // no failure (a busy client would eject it).
    for (FailureKind k :
        EnumSet.of(
            FailureKind.POOL_WAIT_TIMEOUT,
            FailureKind.POOL_EXHAUSTED,
            FailureKind.ENDPOINT_REMOVED)) {
      assertThat(k.outcome).as(k.name()).isEqualTo(Outcome.NOT_SENT);
      assertThat(k.neverSent).as(k.name()).isTrue();
    }
  }

  @Test
  void onlyFailuresBeforeTheSendAreNeverSent() {
    for (FailureKind k : FailureKind.values()) {
      if (k.outcome == Outcome.NOT_SENT) {
        assertThat(k.neverSent).as(k.name()).isTrue();
      }
    }
    assertThat(FailureKind.CONNECT_REFUSED.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(FailureKind.TIMEOUT.outcome).isEqualTo(Outcome.FAILURE);
  }
}
