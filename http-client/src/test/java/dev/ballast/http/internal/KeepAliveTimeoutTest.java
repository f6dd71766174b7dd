package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepAliveTimeoutTest {
  private static final long PREVIOUS = 42;

  @Test
  void reusesAConnectionForThreeQuartersOfTheAnnouncedTimeout() {
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=4", PREVIOUS))
        .isEqualTo(TimeUnit.SECONDS.toNanos(3));
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=5, max=100", PREVIOUS))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(3750));
    assertThat(KeepAliveTimeout.reuseLimitNanos("max=100, Timeout = 2", PREVIOUS))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=0", PREVIOUS)).isZero();
  }

  @Test
  void keepsWhatItKnewWhenTheHeaderCarriesNoValidTimeout() {
    assertThat(KeepAliveTimeout.reuseLimitNanos("max=100", PREVIOUS)).isEqualTo(PREVIOUS);
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=", PREVIOUS)).isEqualTo(PREVIOUS);
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=5s", PREVIOUS)).isEqualTo(PREVIOUS);
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeouts=5", PREVIOUS)).isEqualTo(PREVIOUS);
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=-1", PREVIOUS)).isEqualTo(PREVIOUS);
    assertThat(KeepAliveTimeout.reuseLimitNanos("", PREVIOUS)).isEqualTo(PREVIOUS);
  }

  @Test
  void capsAnAbsurdTimeoutAtADay() {
    assertThat(KeepAliveTimeout.reuseLimitNanos("timeout=99999999999999999999999", PREVIOUS))
        .isEqualTo(TimeUnit.DAYS.toNanos(1) / 4 * 3);
  }
}
