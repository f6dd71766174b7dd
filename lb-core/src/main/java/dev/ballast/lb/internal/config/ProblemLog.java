package dev.ballast.lb.internal.config;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The problems found while binding properties, in the order found and each once: binding reads on
 * after a bad value so that one start-up failure lists every problem, and a value read through
 * several scopes (a service's keys falling back to the defaults) must not be reported once per
 * service. Not thread-safe.
 */
public final class ProblemLog {
  private final Set<String> lines = new LinkedHashSet<>();

  /**
   * Records {@code <key>: <value> (expected: <expected>)}; a null value is shown as {@code
   * (missing)}, an empty one as {@code (empty)}, a secret one masked (see {@link Secrets}).
   */
  public void add(String key, @Nullable String value, String expected) {
    requireNonNull(key, "key");
    requireNonNull(expected, "expected");
    lines.add(key + ": " + Secrets.render(key, value) + " (expected: " + expected + ")");
  }

  /** Records {@code line} as written, for a problem that is not of the standard form. */
  public void addLine(String line) {
    lines.add(requireNonNull(line, "line"));
  }

  /** The problems recorded so far, in order; an unmodifiable snapshot. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /**
   * Throws when any problem was recorded.
   *
   * @throws ConfigException with every problem, one per line, in the order recorded
   */
  public void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ConfigException(new ArrayList<>(lines));
    }
  }
}
