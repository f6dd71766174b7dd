package dev.ballast.lb.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RelativeProblemsTest {
  private static final String PREFIX = "ballast.http.services.orders.";
  private final ProblemLog log = new ProblemLog();

  private void add(String line, Map<String, String> written) {
    RelativeProblems.add(line, PREFIX, k -> PREFIX + k, written::get, log);
  }

  @Test
  void theValueIsShownAsWrittenInTheProperties() {
    add(
        "outlier.max-ejection-time: PT5M (expected: a duration >= outlier.base-ejection-time)",
        Map.of(PREFIX + "outlier.max-ejection-time", "300s"));

    assertThat(log.lines())
        .containsExactly(
            PREFIX
                + "outlier.max-ejection-time: 300s"
                + " (expected: a duration >= outlier.base-ejection-time)");
  }

  @Test
  void aDurationNotFromThePropertiesIsShownCompactly() {
    add("slow-start.window: PT-1M (expected: a non-negative duration)", Map.of());
    add("peak-ewma.decay: PTx (expected: a positive duration)", Map.of());

    assertThat(log.lines())
        .containsExactly(
            PREFIX + "slow-start.window: -1m (expected: a non-negative duration)",
            PREFIX + "peak-ewma.decay: PTx (expected: a positive duration)");
  }

  @Test
  void aLineNotOfTheStandardFormKeepsItsTextUnderThePrefix() {
    add("something went wrong", Map.of());

    assertThat(log.lines()).containsExactly(PREFIX + "something went wrong");
  }
}
