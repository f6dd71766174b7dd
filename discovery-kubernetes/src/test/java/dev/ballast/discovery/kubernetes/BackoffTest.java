package dev.ballast.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delays between attempts to reach the API server. */
class BackoffTest {
  @Test
  void doublesUpToTheCapAndStartsOverAfterAReset() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      delays.add(b.next().toMillis());
    }
    assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterShortensADelayByAtMostAFifth() {
    assertThat(new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(30), () -> 0.999).next())
        .isBetween(Duration.ofMillis(800), Duration.ofMillis(801));
    assertThat(new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(30), () -> 0.5).next())
        .isEqualTo(Duration.ofMillis(900));
  }
}
