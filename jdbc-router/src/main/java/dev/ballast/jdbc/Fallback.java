package dev.ballast.jdbc;

import java.util.Locale;

/**
 * What a read does when no replica is eligible (property {@code ballast.jdbc.fallback}).
 *
 * <p>Eligible means: reachable, in recovery (a replica), and within {@code max-replica-lag}.
 */
public enum Fallback {
  /** The read goes to the primary (the default): degrade, never fail a read that can be served. */
  PRIMARY("primary"),
  /**
   * The read fails with a {@link java.sql.SQLTransientConnectionException} that names every replica
   * and why it was not eligible.
   */
  FAIL("fail");

  private final String propertyName;

  Fallback(String propertyName) {
    this.propertyName = propertyName;
  }

  /** {@return the name used in properties} */
  public String propertyName() {
    return propertyName;
  }

  /**
   * Parses a property value (any letter case).
   *
   * @param name the property value, in any case
   * @return the constant
   * @throws IllegalArgumentException for an unknown name
   */
  public static Fallback fromPropertyName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Fallback f : values()) {
      if (f.propertyName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException("fallback: " + name + " (expected: one of primary|fail)");
  }
}
