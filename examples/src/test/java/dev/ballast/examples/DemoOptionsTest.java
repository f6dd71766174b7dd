package dev.ballast.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void defaultsPlayEveryActForEightSecondsEachInZoneA() {
    DemoOptions o = DemoOptions.defaults();

    assertThat(o.acts()).containsExactly(1, 2, 3, 4, 5);
    assertThat(o.actDuration()).isEqualTo(Duration.ofSeconds(8));
    assertThat(o.durationOf(5)).isEqualTo(Duration.ofSeconds(12));
    assertThat(o.zone()).isEqualTo("a");
    assertThat(o.database()).isTrue();
    assertThat(o.reportDir()).isEmpty();
    assertThat(o.help()).isFalse();
    assertThat(o.plain()).isFalse();
  }

  @Test
  void defaultRunStaysWellUnderTwoMinutesOfActs() {
    DemoOptions o = DemoOptions.defaults();
    Duration total = Duration.ZERO;
    for (int act : o.acts()) {
      total = total.plus(o.durationOf(act));
    }

    assertThat(total).isLessThanOrEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parsesEveryOptionInBothSpellings() {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {
              "--acts", "5,1,2", "--duration=8s", "--zone", "b", "--report-dir=out", "--plain"
            });

    assertThat(o.acts()).containsExactly(1, 2, 5);
    assertThat(o.actDuration()).isEqualTo(Duration.ofSeconds(8));
    assertThat(o.zone()).isEqualTo("b");
    assertThat(o.reportDir()).contains(Path.of("out"));
    assertThat(o.plain()).isTrue();
  }

  @Test
  void noDbDropsTheDatabaseActButRemembersItWasAskedFor() {
    DemoOptions o = DemoOptions.parse(new String[] {"--acts", "1,5", "--no-db"});

    assertThat(o.database()).isFalse();
    assertThat(o.acts()).containsExactly(1);
    assertThat(o.requestedActs()).containsExactly(1, 5);
  }

  @Test
  void rejectsActsOutsideOneToFive() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--acts", "1,7"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--acts: 1,7 (expected: comma-separated act numbers from 1 to 5, such as 1,2,5)");
  }

  @Test
  void rejectsDurationsThatAreMalformedOrOutOfRange() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--duration", "fast"}))
        .hasMessage("--duration: fast (expected: a duration per act from 2s to 10m, such as 8s)");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--duration", "500ms"}))
        .hasMessage("--duration: 500ms (expected: a duration per act from 2s to 10m, such as 8s)");
  }

  @Test
  void rejectsUnknownZonesOptionsAndMissingValues() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--zone", "d"}))
        .hasMessage("--zone: d (expected: one of a, b, c)");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
        .hasMessage(
            "option: --fast (expected: one of --acts, --duration, --zone, --no-db, --report-dir,"
                + " --plain, --help)");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--acts"}))
        .hasMessage(
            "--acts: nothing (expected: comma-separated act numbers from 1 to 5, such as 1,2,5)");
  }

  @Test
  void usageNamesEveryOption() {
    assertThat(DemoOptions.usage())
        .contains("--acts", "--duration", "--zone", "--no-db", "--report-dir", "--plain", "--help");
  }
}
