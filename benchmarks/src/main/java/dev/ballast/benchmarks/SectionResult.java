package dev.ballast.benchmarks;

import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark section produced: tables (already written as Markdown and CSV), charts
 * (written as PNG), goals checked, and the figures a smoke test looks for. Not thread-safe.
 */
public final class SectionResult {
  private final String name;
  private final List<Table> tables = new ArrayList<>();
  private final List<Path> charts = new ArrayList<>();
  private final List<Goal> goals = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * A figure measured by a benchmark: which benchmark, and the number (NaN if none came out). A
   * {@code count} counts events (e.g. wrong answers) and may rightly be 0; any other figure is a
   * measurement (a rate, a time, a size) that a working benchmark makes positive.
   */
  public record Figure(String benchmark, double value, String unit, boolean count) {}

  /** An empty result for section {@code name}. */
  public SectionResult(String name) {
    this.name = name;
  }

  /** Section name, e.g. {@code pick-cost}. */
  public String name() {
    return name;
  }

  /** Adds a table. */
  public SectionResult table(Table table) {
    tables.add(table);
    return this;
  }

  /** Adds a chart file. */
  public SectionResult chart(Path chart) {
    charts.add(chart);
    return this;
  }

  /** Adds a goal outcome. */
  public SectionResult goal(Goal goal) {
    goals.add(goal);
    return this;
  }

  /** Records a measurement (a rate, a time, a size), positive when the benchmark worked. */
  public SectionResult figure(String benchmark, double value, String unit) {
    figures.add(new Figure(benchmark, value, unit, false));
    return this;
  }

  /**
   * Records a count of events, e.g. stale reads, where 0 is a valid (often the hoped-for) figure.
   */
  public SectionResult count(String benchmark, long value) {
    figures.add(new Figure(benchmark, value, "", true));
    return this;
  }

  /** Adds a free-text note (settings, caveats). */
  public SectionResult note(String note) {
    notes.add(note);
    return this;
  }

  /** Tables, in order. */
  public List<Table> tables() {
    return tables;
  }

  /** Chart files, in order. */
  public List<Path> charts() {
    return charts;
  }

  /** Goals, in order. */
  public List<Goal> goals() {
    return goals;
  }

  /** Figures, in order. */
  public List<Figure> figures() {
    return figures;
  }

  /** Notes, in order. */
  public List<String> notes() {
    return notes;
  }
}
