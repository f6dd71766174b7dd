package dev.ballast.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fault setters' argument checks and the changes they turn into, on real fault states. */
class FaultArgumentsTest {

  @Test
  void validArgumentsGiveTheChangeTheSetterAsksFor() {
    FaultState none = FaultState.NONE;
    assertThat(FaultArguments.latency(Duration.ofMillis(10), Duration.ofMillis(20)).apply(none))
        .hasToString("faults[latency=10.0..20.0ms]");
    assertThat(FaultArguments.status(503, 0.25).apply(none)).hasToString("faults[status=503x0.25]");
    assertThat(FaultArguments.healthStatus(500).apply(none)).hasToString("faults[health=500]");
    assertThat(FaultArguments.idleClose(Duration.ofSeconds(2)).apply(none))
        .hasToString("faults[idle-close=2000.0ms]");
    assertThat(FaultArguments.idleRace(Duration.ofSeconds(3), true).apply(none))
        .hasToString("faults[idle-race=3000.0ms]");
  }

  @Test
  void rejectsOutOfRangeArgumentsNamingThem() {
    assertThatThrownBy(() -> FaultArguments.status(199, 1.0))
        .hasMessage("status: 199 (expected: 200..599)");
    assertThatThrownBy(() -> FaultArguments.status(500, -0.1))
        .hasMessage("fraction: -0.1 (expected: 0.0..1.0)");
    assertThatThrownBy(() -> FaultArguments.healthStatus(600))
        .hasMessage("healthStatus: 600 (expected: 200..599)");
    assertThatThrownBy(() -> FaultArguments.idleClose(Duration.ofSeconds(-1)))
        .hasMessage("idle: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> FaultArguments.idleRace(Duration.ofSeconds(-1), false))
        .hasMessage("idle: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> FaultArguments.latency(Duration.ZERO, Duration.ofMillis(-1)))
        .hasMessage("latency: PT0S..PT-0.001S (expected: min <= max)");
  }
}
