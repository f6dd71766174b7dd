package dev.ballast.benchmarks.pick;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the pick benchmarks through the JMH Runner API — every picker at 1 and 2 threads with the GC
 * profiler, the seeded-random variant of Ballast's zone-aware peak-EWMA, and {@link ChurnBenchmark}
 * — and turns the results into a table, a chart and goal checks.
 */
public final class PickCostSuite {
  /** Ballast's headline configuration, named as in the table. */
  static final String HEADLINE = "Ballast peak-ewma, zone-aware";

  static final String SPRING_ZONE = "Spring Cloud LB zone preference + RoundRobin";

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public PickCostSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs everything and writes {@code pick-cost.*} into {@code out}. */
  public SectionResult run(Path out) {
    List<PickRow> rows = new ArrayList<>();
    for (int threads : settings.threadCounts()) {
      rows.addAll(
          measure(
              "dev\\.ballast\\.benchmarks\\.pick\\.(Ballast|Spring|Ribbon|Grpc|Armeria)PickBenchmark\\..*",
              threads,
              Map.of("random", "thread-local")));
      if (settings.forks() > 0) {
        // The seeded variant is the same code with another parameter: the smoke test skips it.
        rows.addAll(
            measure(
                "dev\\.ballast\\.benchmarks\\.pick\\.BallastPickBenchmark\\..*",
                threads,
                Map.of("random", "seeded", "strategy", "peak-ewma", "zones", "zone-aware")));
      }
    }
    rows.addAll(measure("dev\\.ballast\\.benchmarks\\.pick\\.ChurnBenchmark\\..*", 1, Map.of()));
    List<PickRow> breakdown =
        measure("dev\\.ballast\\.benchmarks\\.pick\\.PickBreakdownBenchmark\\..*", 1, Map.of());
    PickCostReport report = new PickCostReport(settings);
    SectionResult section = report.costs(rows, out);
    report.breakdown(breakdown, out, section);
    return section;
  }

  private List<PickRow> measure(String include, int threads, Map<String, String> params) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(settings.forks())
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
            .measurementIterations(settings.measurementIterations())
            .measurementTime(TimeValue.milliseconds(settings.measurementTime().toMillis()))
            .threads(threads)
            .timeUnit(TimeUnit.NANOSECONDS)
            .shouldFailOnError(true)
            .addProfiler(GCProfiler.class)
            .verbosity(settings.forks() == 0 ? VerboseMode.SILENT : VerboseMode.NORMAL);
    if (settings.forks() > 0) {
      options.jvmArgsAppend("-Xms512m", "-Xmx512m");
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      options.param(p.getKey(), p.getValue());
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH run of " + include + " failed", e);
    }
    List<PickRow> rows = new ArrayList<>();
    for (RunResult r : results) {
      rows.add(PickRow.of(r, threads));
    }
    return rows;
  }
}
