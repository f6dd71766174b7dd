package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * What both halves of {@link FaultReactionSuite} share: the bounded wait for a reaction (30 s at
 * most, NaN when it never comes), the reaction table with its median and worst columns, and the
 * goal built from the worst round.
 */
final class Reactions {
  /** How long any reaction is awaited. */
  static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private Reactions() {}

  static void joinQuietly(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Table reactionTable(String subject, int rounds) {
    return new Table(
        subject + ": time to react to faults (" + rounds + " rounds; median and worst)",
        "fault",
        "reaction",
        "median",
        "worst",
        "goal");
  }

  /** Waits, bounded, until {@code condition} holds; returns the milliseconds or NaN. */
  static double awaitMillis(BooleanSupplier condition) {
    return awaitMillis(System.nanoTime(), condition);
  }

  /**
   * Waits, bounded, until {@code condition} holds; returns the milliseconds since {@code t0} (a
   * {@link System#nanoTime()} reading) or NaN.
   */
  static double awaitMillis(long t0, BooleanSupplier condition) {
    while (System.nanoTime() - t0 < LIMIT_NANOS) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - t0) / 1e6;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return Double.NaN;
  }

  static void await(BooleanSupplier condition) {
    if (Double.isNaN(awaitMillis(condition))) {
      throw new IllegalStateException("the scenario did not settle within 30 s");
    }
  }

  /** Records {@code millis}; a reaction that never came is recorded as the 30 s limit. */
  static void record(Histogram h, double millis) {
    h.recordValue(
        Double.isNaN(millis) ? TimeUnit.NANOSECONDS.toMillis(LIMIT_NANOS) : (long) millis);
  }

  static double median(Histogram h) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50);
  }

  static void row(Table table, String fault, String reaction, Histogram h, String goal) {
    table.row(
        fault,
        reaction,
        h.getTotalCount() == 0 ? "n/a" : h.getValueAtPercentile(50) + " ms",
        h.getTotalCount() == 0 ? "n/a" : h.getMaxValue() + " ms",
        goal);
  }

  static Goal goal(String name, Histogram h, long limitMillis) {
    boolean met = h.getTotalCount() > 0 && h.getMaxValue() <= limitMillis;
    String measured = h.getTotalCount() == 0 ? "no reaction" : h.getMaxValue() + " ms";
    String target =
        limitMillis >= 1000 ? "≤ " + limitMillis / 1000 + " s" : "≤ " + limitMillis + " ms";
    return new Goal(name, target, measured, met);
  }
}
