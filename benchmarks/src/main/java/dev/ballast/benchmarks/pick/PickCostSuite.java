package dev.ballast.benchmarks.pick;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
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

  /** One measured picker at one thread count. */
  record Row(
      String picker,
      String feedback,
      boolean zoneAware,
      int threads,
      double nsPerOp,
      double error,
      double bytesPerOp) {}

  /** Runs everything and writes {@code pick-cost.*} into {@code out}. */
  public SectionResult run(Path out) {
    List<Row> rows = new ArrayList<>();
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
    List<Row> breakdown =
        measure("dev\\.ballast\\.benchmarks\\.pick\\.PickBreakdownBenchmark\\..*", 1, Map.of());
    SectionResult section = report(rows, out);
    reportBreakdown(breakdown, out, section);
    return section;
  }

  private void reportBreakdown(List<Row> rows, Path out, SectionResult section) {
    Table table =
        new Table(
            "Where the time of a zone-aware peak-EWMA pick + complete goes (1 thread)",
            "operation",
            "ns/op",
            "±",
            "B/op");
    for (Row r : rows) {
      table.row(
          r.picker(),
          Table.num(r.nsPerOp(), 1),
          Table.num(r.error(), 1),
          Table.num(r.bytesPerOp(), 1));
      section.figure(r.picker(), r.nsPerOp(), "ns/op");
    }
    table.note(
        "pickAndComplete is the headline operation; pickAndCompleteFrozenClock is the same with a"
            + " ticker that never moves (no clock read, no decay); pickAndCancel completes with"
            + " CANCELLED (no latency sample); the last rows are the primitives involved.");
    table.write(out, "pick-breakdown");
    section.table(table);
  }

  private List<Row> measure(String include, int threads, Map<String, String> params) {
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
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      rows.add(toRow(r, threads));
    }
    return rows;
  }

  private static Row toRow(RunResult r, int threads) {
    String benchmark = r.getParams().getBenchmark();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String clazz = benchmark.substring(0, benchmark.lastIndexOf('.'));
    clazz = clazz.substring(clazz.lastIndexOf('.') + 1);
    Result<?> primary = r.getPrimaryResult();
    Map<String, Result> secondary = r.getSecondaryResults();
    double bytes = value(secondary.get("gc.alloc.rate.norm"));
    switch (clazz) {
      case "BallastPickBenchmark":
        {
          String strategy = r.getParams().getParam("strategy");
          boolean zoned = "zone-aware".equals(r.getParams().getParam("zones"));
          boolean seeded = "seeded".equals(r.getParams().getParam("random"));
          String name =
              "Ballast "
                  + strategy
                  + (zoned ? ", zone-aware" : ", plain")
                  + (seeded ? ", seeded random" : "");
          return new Row(
              name,
              "pick + complete",
              zoned,
              threads,
              primary.getScore(),
              primary.getScoreError(),
              bytes);
        }
      case "PickBreakdownBenchmark":
        return new Row(
            method, "", true, threads, primary.getScore(), primary.getScoreError(), bytes);
      case "ChurnBenchmark":
        {
          Result<?> pick = secondary.get("pick");
          double score = pick != null ? pick.getScore() : Double.NaN;
          double error = pick != null ? pick.getScoreError() : Double.NaN;
          return new Row(
              "Ballast "
                  + r.getParams().getParam("strategy")
                  + ", zone-aware, under churn (1 updater + 1 picker)",
              "pick + complete",
              true,
              1,
              score,
              error,
              Double.NaN);
        }
      default:
        {
          String name = peerName(clazz, method);
          boolean zoned = name.contains("zone");
          return new Row(
              name,
              "pick only",
              zoned,
              threads,
              primary.getScore(),
              primary.getScoreError(),
              bytes);
        }
    }
  }

  /** A label short enough for a chart axis. */
  static String shortName(String picker) {
    return picker
        .replace("Ballast ", "B. ")
        .replace(", zone-aware", " zone")
        .replace(", plain", "")
        .replace(", seeded random", " seeded")
        .replace("Spring Cloud LB zone preference + RoundRobin", "Spring zone+RR")
        .replace("Spring Cloud LB RoundRobin", "Spring RR")
        .replace(
            "Ribbon ZoneAwareLoadBalancer + ZoneAvoidanceRule (zone-aware)", "Ribbon zone-aware")
        .replace("Ribbon RoundRobinRule", "Ribbon RR")
        .replace("gRPC round_robin picker", "gRPC RR")
        .replace("Armeria weighted round robin", "Armeria WRR");
  }

  private static String peerName(String clazz, String method) {
    switch (clazz + "." + method) {
      case "SpringPickBenchmark.roundRobin":
        return "Spring Cloud LB RoundRobin";
      case "SpringPickBenchmark.zonePreferenceRoundRobin":
        return SPRING_ZONE;
      case "RibbonPickBenchmark.roundRobin":
        return "Ribbon RoundRobinRule";
      case "RibbonPickBenchmark.zoneAwareZoneAvoidance":
        return "Ribbon ZoneAwareLoadBalancer + ZoneAvoidanceRule (zone-aware)";
      case "GrpcPickBenchmark.roundRobin":
        return "gRPC round_robin picker";
      case "ArmeriaPickBenchmark.weightedRoundRobin":
        return "Armeria weighted round robin";
      default:
        return clazz + "." + method;
    }
  }

  private static double value(@Nullable Result<?> result) {
    return result == null ? Double.NaN : result.getScore();
  }

  private SectionResult report(List<Row> rows, Path out) {
    SectionResult section = new SectionResult("pick-cost");
    // Pickers in first-seen order, one line each with both thread counts.
    Map<String, Row[]> byPicker = new LinkedHashMap<>();
    for (Row r : rows) {
      byPicker.computeIfAbsent(r.picker(), k -> new Row[3])[r.threads()] = r;
    }
    Row[] spring = byPicker.get(SPRING_ZONE);
    Table table =
        new Table(
            "Cost of one pick, 12 endpoints in 3 zones, one balancer shared by all threads",
            "picker",
            "per op",
            "1 thread ns/op",
            "±",
            "1 thread B/op",
            "2 threads ns/op",
            "2 threads B/op",
            "Spring zone pref. ÷ this (1 thread)");
    for (Map.Entry<String, Row[]> e : byPicker.entrySet()) {
      Row one = e.getValue()[1];
      Row two = e.getValue()[2];
      Row any = one != null ? one : two;
      if (any == null) {
        continue;
      }
      double speedup =
          spring != null && spring[1] != null && one != null
              ? spring[1].nsPerOp() / one.nsPerOp()
              : Double.NaN;
      table.row(
          e.getKey(),
          any.feedback(),
          one == null ? "n/a" : Table.num(one.nsPerOp(), 1),
          one == null ? "n/a" : Table.num(one.error(), 1),
          one == null ? "n/a" : Table.num(one.bytesPerOp(), 1),
          two == null ? "n/a" : Table.num(two.nsPerOp(), 1),
          two == null ? "n/a" : Table.num(two.bytesPerOp(), 1),
          Table.ratio(speedup));
      for (Row r : e.getValue()) {
        if (r != null) {
          section.figure(r.picker() + " @" + r.threads() + "t", r.nsPerOp(), "ns/op");
        }
      }
    }
    table.note(
        "Settings: "
            + settings.name()
            + " — forks "
            + settings.forks()
            + ", warm-up "
            + settings.warmupIterations()
            + " × "
            + settings.warmupTime().toMillis()
            + " ms, measurement "
            + settings.measurementIterations()
            + " × "
            + settings.measurementTime().toMillis()
            + " ms, JMH AverageTime, -prof gc. B/op is gc.alloc.rate.norm (≈0 prints as 0.0)."
            + " \"pick + complete\" includes reporting the outcome (SUCCESS, a precomputed"
            + " 0.8–1.2 ms latency) that drives least-request and peak-EWMA; peers have no such"
            + " feedback on their pick path.");
    table.write(out, "pick-cost");
    section.table(table);

    List<String> categories = new ArrayList<>();
    List<Double> t1 = new ArrayList<>();
    List<Double> t2 = new ArrayList<>();
    for (Map.Entry<String, Row[]> e : byPicker.entrySet()) {
      if (e.getKey().contains("churn")) {
        continue;
      }
      categories.add(shortName(e.getKey()));
      Row[] r = e.getValue();
      t1.add(r[1] == null ? Double.NaN : r[1].nsPerOp());
      t2.add(r[2] == null ? Double.NaN : r[2].nsPerOp());
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("1 thread", t1);
    series.put("2 threads", t2);
    section.chart(
        Charts.bars(
            out.resolve("pick-cost.png"),
            "Cost of one pick (ns/op, log scale; lower is better)",
            "ns/op",
            categories,
            series,
            true));

    Row[] headline = byPicker.get(HEADLINE);
    Row h1 = headline == null ? null : headline[1];
    double ns = h1 == null ? Double.NaN : h1.nsPerOp();
    double bytes = h1 == null ? Double.NaN : h1.bytesPerOp();
    section.goal(
        new Goal(
            "Ballast zone-aware peak-EWMA pick + complete, 1 thread",
            "≤ 15 ns/op",
            Table.num(ns, 1) + " ns/op",
            ns <= 15));
    section.goal(
        new Goal(
            "Ballast zone-aware peak-EWMA allocation, 1 thread",
            "0 B/op",
            Table.num(bytes, 2) + " B/op",
            bytes < 0.5));
    double springNs = spring == null || spring[1] == null ? Double.NaN : spring[1].nsPerOp();
    double speedup = springNs / ns;
    section.goal(
        new Goal(
            "Ballast zone-aware peak-EWMA vs Spring Cloud LB zone preference + RR, 1 thread",
            "≥ 20× faster",
            Table.ratio(speedup)
                + " ("
                + Table.num(springNs, 0)
                + " vs "
                + Table.num(ns, 1)
                + " ns)",
            speedup >= 20));
    return section;
  }
}
