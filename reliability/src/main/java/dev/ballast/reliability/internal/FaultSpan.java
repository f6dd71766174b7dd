package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.reliability.Fault;

/**
 * A fault as it actually ran: seconds on the run's timeline from the start of its application to
 * its undo (equal for a fault that is never undone); NaN when it never ran.
 */
public record FaultSpan(Fault fault, double startSecond, double endSecond) {

  /** Checks the fault. */
  public FaultSpan {
    requireNonNull(fault, "fault");
  }

  /** Whether the fault was applied. */
  public boolean ran() {
    return !Double.isNaN(startSecond);
  }
}
