package dev.ballast.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoHelpTest {

  @TempDir Path dir;

  @Test
  void helpPrintsTheUsageAndStartsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Summary summary =
        Demo.run(
            new String[] {"--help", "--report-dir", dir.toString()},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(DemoOptions.usage() + "\n");
    assertThat(summary.acts()).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theDatabaseActAloneWithoutTheDatabaseStartsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Summary summary =
        Demo.run(
            new String[] {"--acts", "5", "--no-db", "--report-dir", dir.toString()},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("Nothing to play: act 5 needs the database, and --no-db leaves it out.\n");
    assertThat(summary.acts()).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void badOptionsFailBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                Demo.run(
                    new String[] {"--zone", "x"},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--zone: x (expected: one of a, b, c)");
  }
}
