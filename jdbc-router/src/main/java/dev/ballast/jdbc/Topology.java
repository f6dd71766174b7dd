package dev.ballast.jdbc;

import java.util.Locale;

/** How the roles of the database hosts are known (property {@code ballast.jdbc.topology}). */
public enum Topology {
  /** Roles as configured (the default): the primary is the primary, replicas are replicas. */
  STATIC("static"),
  /**
   * Roles are detected from each host ({@code pg_is_in_recovery()}) and re-detected every health
   * interval and at once after a connection failure or a read-only error from the supposed primary:
   * after a promotion, writes go to the new primary without a restart.
   */
  AUTO("auto");

  private final String propertyName;

  Topology(String propertyName) {
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
  public static Topology fromPropertyName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Topology t : values()) {
      if (t.propertyName.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("topology: " + name + " (expected: one of static|auto)");
  }
}
