package dev.ballast.lb.internal.config;

import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a builder's problem lines, whose keys are relative ({@code panic-threshold: 150 (expected:
 * …)}), into problems under the full keys of the scope that was read, showing each value the way
 * the user wrote it: the builder only knows {@code PT5M} where the properties said {@code 5m}.
 * Stateless.
 */
public final class RelativeProblems {
  private RelativeProblems() {}

  /**
   * Records {@code line} in {@code log} under the full key {@code fullKey} gives for its relative
   * key. The value is the property's as written ({@code valueOf}) when set there, else the line's,
   * with an ISO-8601 duration shown compactly. A line not of the standard form is recorded with
   * {@code prefix} prepended.
   *
   * @param fullKey maps a relative key to the full key that supplies it
   * @param valueOf the value of a full key as written, or null when it is not set
   */
  public static void add(
      String line,
      String prefix,
      Function<String, String> fullKey,
      Function<String, @Nullable String> valueOf,
      ProblemLog log) {
    Optional<ProblemLine> parsed = ProblemLine.parse(line);
    if (parsed.isEmpty()) {
      log.addLine(prefix + line);
      return;
    }
    String key = fullKey.apply(parsed.get().key());
    String raw = valueOf.apply(key);
    String value = raw != null ? raw : compactIfDuration(parsed.get().value());
    log.add(key, value, parsed.get().expected());
  }

  private static String compactIfDuration(String value) {
    if (value.startsWith("P")) {
      try {
        return Durations.format(Duration.parse(value));
      } catch (RuntimeException e) {
        return value;
      }
    }
    return value;
  }
}
