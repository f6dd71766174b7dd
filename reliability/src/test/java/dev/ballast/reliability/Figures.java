package dev.ballast.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Measured figures of the scenario tests: printed, and appended to {@code
 * target/reliability-figures.md} so a run leaves them in one place for RELIABILITY.md.
 */
final class Figures {
  private static final Path FILE = Path.of("target", "reliability-figures.md");

  private Figures() {}

  /** Records one figure of {@code scenario}. */
  static synchronized void record(String scenario, String name, String value) {
    String line = String.format(Locale.ROOT, "| %s | %s | %s |%n", scenario, name, value);
    System.out.print("FIGURE " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #record} with a formatted value. */
  static void record(String scenario, String name, String format, Object... args) {
    record(scenario, name, String.format(Locale.ROOT, format, args));
  }
}
