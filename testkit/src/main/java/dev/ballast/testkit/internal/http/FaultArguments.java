package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The fault setters' arguments, checked and turned into the {@link FaultState} change they ask for.
 * Each method throws {@code <argument>: <value> (expected: …)} for a value out of range, before any
 * fault changes.
 */
final class FaultArguments {

  private FaultArguments() {}

  static UnaryOperator<FaultState> latency(Duration min, Duration max) {
    requireNonNull(min, "min");
    requireNonNull(max, "max");
    if (min.isNegative()) {
      throw new IllegalArgumentException("latency: " + min + " (expected: >= 0)");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "latency: " + min + ".." + max + " (expected: min <= max)");
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    return f -> f.withLatency(minNanos, maxNanos);
  }

  static UnaryOperator<FaultState> status(int status, double fraction) {
    checkStatus("status", status);
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction: " + fraction + " (expected: 0.0..1.0)");
    }
    return f -> f.withStatus(status, fraction);
  }

  static UnaryOperator<FaultState> healthStatus(int status) {
    checkStatus("healthStatus", status);
    return f -> f.withHealthStatus(status);
  }

  static UnaryOperator<FaultState> idleClose(Duration idle) {
    long nanos = idleNanos(idle);
    return f -> f.withIdleClose(nanos);
  }

  static UnaryOperator<FaultState> idleRace(Duration idle, boolean advertise) {
    FaultState.IdleRace race = new FaultState.IdleRace(idleNanos(idle), advertise);
    return f -> f.withIdleRace(race);
  }

  private static long idleNanos(Duration idle) {
    requireNonNull(idle, "idle");
    if (idle.isNegative()) {
      throw new IllegalArgumentException("idle: " + idle + " (expected: >= 0)");
    }
    return idle.toNanos();
  }

  private static void checkStatus(String name, int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException(name + ": " + status + " (expected: 200..599)");
    }
  }
}
