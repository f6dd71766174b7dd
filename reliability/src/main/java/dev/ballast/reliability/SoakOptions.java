package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a chaos soak runs: how long the fault plan lasts, its seed, where the report goes, and how
 * much slack it leaves a slow machine.
 *
 * @param length the fault plan's length (warm-up and checks come on top), 10 s to 24 h
 * @param seed the fault plan's seed
 * @param outputDirectory where {@code chaos-soak.md} and {@code chaos-soak.png} are written
 * @param margins timeouts and grace windows; the command line always runs {@link
 *     SoakMargins#STRICT}
 */
public record SoakOptions(Duration length, long seed, Path outputDirectory, SoakMargins margins) {

  private static final Duration MIN = Duration.ofSeconds(10);
  private static final Duration MAX = Duration.ofHours(24);

  /** Checks the fields. */
  public SoakOptions {
    requireNonNull(length, "length");
    requireNonNull(outputDirectory, "outputDirectory");
    requireNonNull(margins, "margins");
    if (length.compareTo(MIN) < 0 || length.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: 10 s to 24 h)");
    }
  }

  /** Options with {@link SoakMargins#STRICT} margins. */
  public SoakOptions(Duration length, long seed, Path outputDirectory) {
    this(length, seed, outputDirectory, SoakMargins.STRICT);
  }

  /**
   * Parses {@code --minutes N} or {@code --seconds N} (default 10 minutes), {@code --seed S}
   * (default 42) and {@code --out DIR} (default {@code reliability/reports}).
   *
   * @throws IllegalArgumentException naming the argument: {@code <arg>: <value> (expected: …)}
   */
  public static SoakOptions parse(String... args) {
    requireNonNull(args, "args");
    Duration length = Duration.ofMinutes(10);
    long seed = 42;
    Path out = Path.of("reliability", "reports");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            arg + ": (missing value) (expected: --minutes N, --seconds N, --seed S or --out DIR)");
      }
      String value = args[++i];
      switch (arg) {
        case "--minutes" -> length = Duration.ofMinutes(number(arg, value));
        case "--seconds" -> length = Duration.ofSeconds(number(arg, value));
        case "--seed" -> seed = number(arg, value);
        case "--out" -> out = Path.of(value);
        default ->
            throw new IllegalArgumentException(
                arg
                    + ": "
                    + value
                    + " (expected: --minutes N, --seconds N, --seed S or --out DIR)");
      }
    }
    return new SoakOptions(length, seed, out);
  }

  private static long number(String arg, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(arg + ": " + value + " (expected: an integer)", e);
    }
  }
}
