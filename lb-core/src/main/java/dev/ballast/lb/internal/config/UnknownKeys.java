package dev.ballast.lb.internal.config;

import java.util.Map;
import java.util.Optional;

/**
 * Reports the keys that nothing read, with a "did you mean" from the keys that were read: a typo in
 * a key otherwise leaves the setting silently at its default. Stateless.
 */
public final class UnknownKeys {
  private UnknownKeys() {}

  /**
   * Records for each of {@code unread} (key to value, in the order given) the problem {@code <key>:
   * <value> (expected: a known key; did you mean '<closest>'?)}, the closest of {@code known} by
   * {@link EditDistance#closest}, the suggestion omitted when none is close. The value is masked
   * when the key or its suggestion is a secret.
   */
  public static void report(Map<String, String> unread, Iterable<String> known, ProblemLog log) {
    for (Map.Entry<String, String> e : unread.entrySet()) {
      String key = e.getKey();
      Optional<String> closest = EditDistance.closest(key, known);
      // A misspelt secret key ("pasword") is not secret by its own name; its value still is.
      boolean secret = closest.filter(Secrets::isSecret).isPresent() && !e.getValue().isEmpty();
      log.add(
          key,
          secret ? Secrets.MASK : e.getValue(),
          "a known key" + closest.map(k -> "; did you mean '" + k + "'?").orElse(""));
    }
  }
}
