package dev.ballast.benchmarks.report;

/**
 * A performance target and what one run measured against it.
 *
 * @param name what is measured, e.g. "zone-aware peak-EWMA pick, 1 thread"
 * @param target the target in words, e.g. "≤ 15 ns/op"
 * @param measured the measured value in words
 * @param met whether the target was met
 */
public record Goal(String name, String target, String measured, boolean met) {
  /** The row for a goals table. */
  public Object[] cells() {
    return new Object[] {name, target, measured, met ? "met" : "**missed**"};
  }

  /** An empty goals table. */
  public static Table table(String title) {
    return new Table(title, "goal", "target", "measured", "result");
  }
}
