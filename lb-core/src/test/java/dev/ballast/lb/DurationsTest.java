package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "250ms, 250000000",
    "5s, 5000000000",
    "2m, 120000000000",
    "1h, 3600000000000",
    "1d, 86400000000000",
    "500us, 500000",
    "500µs, 500000",
    "100ns, 100",
    "1.5s, 1500000000",
    "0.25m, 15000000000",
    "'  5 s ', 5000000000",
    "5S, 5000000000",
    "0, 0",
    "0ms, 0",
    "PT5S, 5000000000",
    "pt5s, 5000000000",
    "PT0.25S, 250000000",
    "P1DT2H, 93600000000000",
    "1.0000000004s, 1000000000",
    "1.0000000005s, 1000000001"
  })
  void parsesUnitAndIsoForms(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "5",
        "abc",
        "5sec",
        "5 seconds",
        "s",
        "1.s",
        ".5s",
        "1e3ms",
        "1,5s",
        "5s5",
        "5 ms ms",
        "PT",
        "P",
        "PTxS",
        "NaNs",
        "∞s"
      })
  void rejectsGarbageNamingTheValueAndTheForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "duration: "
                + text
                + " (expected: a non-negative duration such as 250ms, 5s, 2m or PT5S)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "-1ms", "-PT5S", "PT-5S", "P-1D", "-0.5s"})
  void rejectsNegativeDurations(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "duration: "
                + text
                + " (expected: a non-negative duration such as 250ms, 5s, 2m or PT5S)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999d", "106751991167301d"})
  void rejectsDurationsBeyondTheRangeOfDuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} ns formats as {1}")
  @CsvSource({
    "0, 0s",
    "250000000, 250ms",
    "5000000000, 5s",
    "90000000000, 90s",
    "120000000000, 2m",
    "3600000000000, 1h",
    "86400000000000, 1d",
    "1500000000, 1500ms",
    "500000, 500us",
    "100, 100ns",
    "1000000001, 1000000001ns",
    "-5000000000, -5s"
  })
  void formatsInTheLargestExactUnit(long nanos, String expected) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"250ms", "1.5s", "PT36H", "7d", "123456789ns", "PT0.000001S"})
  void formatParsesBackToTheSameDuration(String text) {
    Duration d = Durations.parse(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }

  @org.junit.jupiter.api.Test
  void formatsTheExtremesWithoutOverflow() {
    assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
        .isEqualTo("9223372036854775807999999999ns");
    assertThat(Durations.format(Duration.ofSeconds(Long.MIN_VALUE))).startsWith("-");
  }
}
