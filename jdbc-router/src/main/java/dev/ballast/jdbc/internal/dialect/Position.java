package dev.ballast.jdbc.internal.dialect;

/**
 * A point in a replicated history that a replica either has or has not applied, for engines whose
 * positions are not one number ({@link GtidPosition MariaDB GTID lists}, {@link GtidSet MySQL GTID
 * sets}). PostgreSQL's LSNs stay plain {@code long}s. Immutable.
 */
public interface Position {

  /**
   * Whether everything {@code required} names has been applied at this position.
   *
   * @throws IllegalArgumentException if {@code required} is another engine's kind of position
   */
  boolean covers(Position required);

  /**
   * The smallest position that covers both this one and {@code other}.
   *
   * @throws IllegalArgumentException if {@code other} is another engine's kind of position
   */
  Position merge(Position other);

  /**
   * How many transactions the position names (a sum of sequence numbers, a count of GTIDs): at
   * least as large for a position that covers another, so it orders positions for messages and
   * sorting, never for consistency decisions.
   */
  long size();

  /** The engine's own text for this position, which {@link Dialect#parsePosition} reads back. */
  String text();
}
