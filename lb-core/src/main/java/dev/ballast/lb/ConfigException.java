package dev.ballast.lb;

import java.util.List;

/**
 * Invalid configuration: one or more problems, each a line of the form {@code <key>: <value>
 * (expected: <what>)}. Thrown at start-up, before anything is started, so nothing half-applied
 * remains.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each, in the order found. */
  private final List<String> problems;

  /**
   * An exception listing {@code problems} (at least one).
   *
   * @param problems the problems, one line each
   */
  public ConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** {@return every problem, one line each, in the order found} */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return "Invalid Ballast configuration: " + problems.get(0);
    }
    return "Invalid Ballast configuration ("
        + problems.size()
        + " problems):\n  "
        + String.join("\n  ", problems);
  }
}
