package dev.ballast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6, short mode: a 40-second seeded chaos soak against the HTTP farm and the PostgreSQL
 * cluster, every invariant checked; the report lands in {@code target/chaos-soak-short/}. The long
 * mode is the same run for minutes, by command (see {@link ChaosSoak}). The suite runs on loaded
 * shared CI machines, so it leaves the {@link SoakMargins#SHARED_MACHINE} slack: 3 s per HTTP
 * attempt, 1 s health checks, 5 s grace after a replica stop or a promotion. The long mode keeps
 * the strict margins.
 */
class ChaosSoakTest {

  @Test
  void everyInvariantHoldsThroughASeededFortySecondSoak() throws Exception {
    Path out = Path.of("target", "chaos-soak-short");
    SoakResult result =
        ChaosSoak.run(new SoakOptions(Duration.ofSeconds(40), 7, out, SoakMargins.SHARED_MACHINE));

    for (Invariant i : result.invariants()) {
      Figures.record("chaos soak (40 s)", i.name(), (i.held() ? "" : "VIOLATED ") + i.observed());
    }
    assertThat(result.plan().hasFailover()).isTrue();
    assertThat(result.violations()).isEmpty();
    assertThat(Files.size(result.markdown())).isPositive();
    assertThat(Files.size(result.chart())).isBetween(10_000L, 1_000_000L);
    assertThat(Files.readString(result.markdown())).contains("every invariant held");
  }
}
