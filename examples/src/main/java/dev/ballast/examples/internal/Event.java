package dev.ballast.examples.internal;

/**
 * Something that happened during an act, for the view and the report.
 *
 * @param seconds seconds since the act started
 * @param kind who says so
 * @param text what happened, one line
 */
public record Event(double seconds, Kind kind, String text) {

  /** Who reports an event. */
  public enum Kind {
    /** The act's script: a fault injected or undone. */
    STEP,
    /** Ballast's load balancer or router, reacting. */
    BALLAST
  }
}
