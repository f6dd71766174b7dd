package dev.ballast.lb.internal.config;

import java.util.Optional;

/**
 * One problem split into its parts, the inverse of {@code <key>: <value> (expected: <what>)}.
 *
 * @param key the key as written in the problem
 * @param value the value as written in the problem
 * @param expected the text inside {@code (expected: …)}
 */
public record ProblemLine(String key, String value, String expected) {
  private static final String EXPECTED_OPEN = " (expected: ";

  /** The parts of {@code line}, or empty when it does not have the standard form. */
  public static Optional<ProblemLine> parse(String line) {
    int colon = line.indexOf(": ");
    int open = line.lastIndexOf(EXPECTED_OPEN);
    if (colon <= 0 || open < colon + 2 || !line.endsWith(")")) {
      return Optional.empty();
    }
    return Optional.of(
        new ProblemLine(
            line.substring(0, colon),
            line.substring(colon + 2, open),
            line.substring(open + EXPECTED_OPEN.length(), line.length() - 1)));
  }
}
