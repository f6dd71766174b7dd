package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowStartRampTest {
  private static final long S = 1_000_000_000L;

  @Test
  void rampsLinearlyFromTheFloorToOneOverTheWindow() {
    SlowStart ramp = new SlowStart(Duration.ofSeconds(10), 1.0, 0.1);
    assertThat(ramp.enabled()).isTrue();
    assertThat(ramp.factor(0, 0)).isEqualTo(0.1);
    assertThat(ramp.factor(0, S / 2)).as("below the floor").isEqualTo(0.1);
    assertThat(ramp.factor(0, 5 * S)).isCloseTo(0.5, within(1e-12));
    assertThat(ramp.factor(0, 10 * S - 1)).isLessThan(1.0);
    assertThat(ramp.factor(0, 10 * S)).isEqualTo(1.0);
  }

  @Test
  void aggressionBendsTheCurve() {
    SlowStart steep = new SlowStart(Duration.ofSeconds(10), 2.0, 0.1);
    assertThat(steep.factor(0, 5 * S)).isCloseTo(Math.sqrt(0.5), within(1e-12));
  }

  @Test
  void anEndpointNotRampingAndAnEmptyWindowWeighOne() {
    SlowStart ramp = new SlowStart(Duration.ofSeconds(10), 1.0, 0.1);
    assertThat(ramp.factor(SlowStart.NOT_RAMPING, 0)).isEqualTo(1.0);
    SlowStart off = new SlowStart(Duration.ZERO, 1.0, 0.1);
    assertThat(off.enabled()).isFalse();
    assertThat(off.factor(0, 0)).isEqualTo(1.0);
  }

  @Test
  void stepsTwentyTimesPerWindowButNotMoreOftenThanEveryTenMilliseconds() {
    assertThat(new SlowStart(Duration.ofSeconds(4), 1.0, 0.1).stepNanos()).isEqualTo(S / 5);
    assertThat(new SlowStart(Duration.ofMillis(100), 1.0, 0.1).stepNanos()).isEqualTo(S / 100);
  }
}
