package dev.ballast.benchmarks.pick;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of {@link PickCostSuite}: the pick-cost table with its chart and goal checks, and the
 * table of where the time of one zone-aware peak-EWMA pick goes.
 */
final class PickCostReport {
  private final RunSettings settings;

  PickCostReport(RunSettings settings) {
    this.settings = settings;
  }

  /** Writes {@code pick-cost.*} from {@code rows} and returns the section with its goals. */
  SectionResult costs(List<PickRow> rows, Path out) {
    SectionResult section = new SectionResult("pick-cost");
    // Pickers in first-seen order, one line each with both thread counts.
    Map<String, PickRow[]> byPicker = new LinkedHashMap<>();
    for (PickRow r : rows) {
      byPicker.computeIfAbsent(r.picker(), k -> new PickRow[3])[r.threads()] = r;
    }
    PickRow[] spring = byPicker.get(PickCostSuite.SPRING_ZONE);
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
    for (Map.Entry<String, PickRow[]> e : byPicker.entrySet()) {
      PickRow one = e.getValue()[1];
      PickRow two = e.getValue()[2];
      PickRow any = one != null ? one : two;
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
      for (PickRow r : e.getValue()) {
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
    for (Map.Entry<String, PickRow[]> e : byPicker.entrySet()) {
      if (e.getKey().contains("churn")) {
        continue;
      }
      categories.add(shortName(e.getKey()));
      PickRow[] r = e.getValue();
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

    PickRow[] headline = byPicker.get(PickCostSuite.HEADLINE);
    PickRow h1 = headline == null ? null : headline[1];
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

  /** Writes {@code pick-breakdown.*} from {@code rows} into {@code section}. */
  void breakdown(List<PickRow> rows, Path out, SectionResult section) {
    Table table =
        new Table(
            "Where the time of a zone-aware peak-EWMA pick + complete goes (1 thread)",
            "operation",
            "ns/op",
            "±",
            "B/op");
    for (PickRow r : rows) {
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
}
