package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

/**
 * One checked property of a soak run: its name, the limit it must keep, what was observed, and
 * whether it held. Immutable.
 */
public record Invariant(String name, String limit, String observed, boolean held) {

  /** Checks the fields. */
  public Invariant {
    requireNonNull(name, "name");
    requireNonNull(limit, "limit");
    requireNonNull(observed, "observed");
  }

  /** An invariant that holds when {@code observed} is at most {@code max}. */
  public static Invariant atMost(String name, long max, long observed, String detail) {
    return new Invariant(
        name, "≤ " + max, observed + (detail.isEmpty() ? "" : " " + detail), observed <= max);
  }
}
