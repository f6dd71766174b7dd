package dev.ballast.jdbc.internal;

/** A database host's role, as configured or as last observed. */
public enum Role {
  /** Accepts writes ({@code pg_is_in_recovery()} is false). */
  PRIMARY,
  /** A read-only standby ({@code pg_is_in_recovery()} is true). */
  REPLICA,
  /** Never reached yet. */
  UNKNOWN;

  /** Lower-case name for messages. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
