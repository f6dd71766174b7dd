package dev.ballast.lb.internal.config;

import java.util.Optional;

/** Levenshtein distance and the closest-key suggestion behind "did you mean". Stateless. */
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
   * The candidate closest to {@code key}, if its distance is at most a third of the key's length (a
   * suggestion further away than that misleads more than it helps). Ties go to the earliest
   * candidate.
   */
  public static Optional<String> closest(String key, Iterable<String> candidates) {
    String best = null;
    int bestDistance = key.length() / 3 + 1;
    for (String candidate : candidates) {
      int d = between(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
