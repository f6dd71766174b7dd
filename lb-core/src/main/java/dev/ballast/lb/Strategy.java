package dev.ballast.lb;

import java.util.Locale;

/** The balancing strategies, by the names used in properties. */
public enum Strategy {
  /** Round robin from a random start index. */
  ROUND_ROBIN("round-robin"),
  /** Stride-scheduled round robin honouring endpoint weights. */
  WEIGHTED_ROUND_ROBIN("weighted-round-robin"),
  /** Weighted random choice. */
  RANDOM("random"),
  /** Power of two choices over in-flight counts, weighted: {@code weight / (active + 1)}. */
  LEAST_REQUEST("least-request"),
  /**
   * Power of two choices on {@code peak-EWMA latency × (1 + in-flight / 3)}: the latency already
   * holds the queueing of the calls in flight, so each adds a third of it rather than all of it.
   */
  PEAK_EWMA("peak-ewma"),
  /** Consistent hashing on the request's affinity key; minimal movement on set changes. */
  RING_HASH("ring-hash");

  private final String propertyName;

  Strategy(String propertyName) {
    this.propertyName = propertyName;
  }

  /** {@return the name used in properties, e.g. {@code peak-ewma}} */
  public String propertyName() {
    return propertyName;
  }

  /**
   * Parses a property name.
   *
   * @param name the property value, in any case
   * @return the strategy
   * @throws IllegalArgumentException listing the known names
   */
  public static Strategy fromPropertyName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Strategy s : values()) {
      if (s.propertyName.equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException("strategy: " + name + " (expected: one of " + names() + ")");
  }

  /** {@return the known names, separated by {@code |}} */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (Strategy s : values()) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      sb.append(s.propertyName);
    }
    return sb.toString();
  }
}
