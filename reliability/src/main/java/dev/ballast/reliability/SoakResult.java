package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a {@link ChaosSoak} run: the plan it ran, every invariant with what was observed,
 * and the report files.
 *
 * @param plan the fault plan
 * @param invariants every checked invariant, in report order
 * @param markdown the Markdown report
 * @param chart the timeline PNG
 */
public record SoakResult(FaultPlan plan, List<Invariant> invariants, Path markdown, Path chart) {

  /** Checks and copies the fields. */
  public SoakResult {
    requireNonNull(plan, "plan");
    invariants = List.copyOf(invariants);
    requireNonNull(markdown, "markdown");
    requireNonNull(chart, "chart");
  }

  /** Whether every invariant held. */
  public boolean passed() {
    return invariants.stream().allMatch(Invariant::held);
  }

  /** The invariants that did not hold. */
  public List<Invariant> violations() {
    return invariants.stream().filter(i -> !i.held()).toList();
  }
}
