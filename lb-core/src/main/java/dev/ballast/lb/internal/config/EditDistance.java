package dev.ballast.lb.internal.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Levenshtein distance and the closest-key suggestion behind "did you mean", for every module (the
 * HTTP client and jdbc-router use it from their own internal packages; no public signature mentions
 * it). Stateless.
 */
public final class EditDistance {
  private EditDistance() {}

  /** The number of single-character insertions, deletions and substitutions from a to b. */
  public static int between(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * The candidate closest to {@code key}, ignoring case, if its distance is at most a third of the
   * longer of the two (at least 1): a suggestion further away than that misleads more than it
   * helps, while abbreviations ({@code maxPoolSize} for {@code maximumPoolSize}) are misspellings
   * too. Ties go to the earliest candidate.
   *
   * <p>The one "did you mean" rule of every Ballast module (lb-core's and the HTTP client's
   * property keys, jdbc-router's HikariCP pass-through), so that they suggest alike.
   */
  public static Optional<String> closest(String key, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String k = key.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = between(k, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance && d <= Math.max(1, Math.max(key.length(), candidate.length()) / 3)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
