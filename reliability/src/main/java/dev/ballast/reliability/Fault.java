package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One scheduled fault: from {@code atMillis} after the soak's start, for {@code durationMillis},
 * {@code kind} hits {@code target} (an instance id or node name). {@code param} is the fault's
 * magnitude, as {@link FaultKind} documents; 0 when it has none. Immutable; equal faults have equal
 * fields.
 */
public record Fault(long atMillis, long durationMillis, FaultKind kind, String target, long param) {

  /** Checks the fields. */
  public Fault {
    requireNonNull(kind, "kind");
    requireNonNull(target, "target");
    if (atMillis < 0) {
      throw new IllegalArgumentException("atMillis: " + atMillis + " (expected: >= 0)");
    }
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis: " + durationMillis + " (expected: >= 0)");
    }
  }

  /** When the fault ends, in milliseconds after the soak's start. */
  public long endMillis() {
    return atMillis + durationMillis;
  }

  /** Whether the fault is active at {@code millis}. */
  public boolean activeAt(long millis) {
    return millis >= atMillis && millis < endMillis();
  }

  /** {@code 12.345 s +2.000 s KILL a1} (with the parameter when there is one). */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%8.3f s +%6.3f s %-13s %s%s",
        atMillis / 1000.0,
        durationMillis / 1000.0,
        kind,
        target,
        param == 0 ? "" : " (" + param + ")");
  }
}
