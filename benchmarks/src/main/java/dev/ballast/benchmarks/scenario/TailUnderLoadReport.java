package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Table;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table, chart and goals of {@link TailUnderLoadSuite}. */
final class TailUnderLoadReport {
  private TailUnderLoadReport() {}

  static SectionResult write(
      List<TailUnderLoadSuite.Run> runs, RunSettings settings, int rate, Path out) {
    SectionResult section = new SectionResult("tail-latency-load");
    Map<String, TailUnderLoadSuite.Run> byKey = new LinkedHashMap<>();
    for (TailUnderLoadSuite.Run r : runs) {
      byKey.put(r.scenario() + "/" + r.rule(), r);
    }
    Table table =
        new Table(
            "Latency at 80 % of the fleet's capacity: 10 local instances of "
                + TailUnderLoadSuite.WORKERS
                + " workers ("
                + TailUnderLoadSuite.LATENCY.toMillis()
                + " ms each), "
                + rate
                + " req/s open loop (Poisson), "
                + settings.scenarioDuration().toSeconds()
                + " s per run, same Ballast transport for every rule",
            "scenario",
            "rule",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms",
            "p99 ÷ all healthy",
            "p99.9 ÷ all healthy",
            "success",
            "slow instance share",
            "queued at an instance",
            "requests");
    for (TailUnderLoadSuite.Run r : runs) {
      TailUnderLoadSuite.Run healthy = byKey.get("all healthy/" + r.rule());
      OpenLoopDriver.Outcome o = r.outcome();
      double h99 = healthy == null ? Double.NaN : healthy.outcome().percentileMillis(99);
      double h999 = healthy == null ? Double.NaN : healthy.outcome().percentileMillis(99.9);
      boolean baseline = r.scenario().equals("all healthy");
      table.row(
          r.scenario(),
          r.rule(),
          Table.num(o.percentileMillis(50), 2),
          Table.num(o.percentileMillis(99), 2),
          Table.num(o.percentileMillis(99.9), 2),
          Table.num(o.percentileMillis(100), 2),
          Table.ratio(o.percentileMillis(99) / h99),
          Table.ratio(o.percentileMillis(99.9) / h999),
          Table.pct(o.successRate()),
          baseline ? "(" + Table.pct(r.slowShare()) + ")" : Table.pct(r.slowShare()),
          Table.pct(r.queued()),
          o.sent());
      section.figure(
          r.scenario() + " / " + r.rule() + " p99 at 80 % load", o.percentileMillis(99), "ms");
    }
    table.note(
        "Capacity: 9 instances × "
            + TailUnderLoadSuite.WORKERS
            + " workers ÷ "
            + TailUnderLoadSuite.LATENCY.toMillis()
            + " ms + the slow instance's "
            + TailUnderLoadSuite.WORKERS
            + " workers ÷ "
            + TailUnderLoadSuite.LATENCY.multipliedBy(TailUnderLoadSuite.SLOW_FACTOR).toMillis()
            + " ms = "
            + Math.round(TailUnderLoadSuite.capacityPerSecond())
            + " req/s; 80 % of it is the rate of every run, all-healthy ones included (where it is "
            + Math.round(100.0 * rate / TailUnderLoadSuite.healthyCapacityPerSecond())
            + " % of the healthy fleet's capacity). A request beyond an instance's workers waits in"
            + " the instance (FIFO); 'queued at an instance' is the share of requests that did."
            + " Latency is measured from each request's scheduled send time (HdrHistogram), one"
            + " attempt per call, 5 s request timeout; ratios are to the same rule's all-healthy run."
            + " Spring Cloud LB 4.3.3 RoundRobinLoadBalancer chooses, Ballast's client sends.");
    table.write(out, "tail-latency-load");
    section.table(table);
    section.chart(TailUnderLoadSuite.chart(out, runs));
    TailUnderLoadSuite.Run healthy = byKey.get("all healthy/peak-ewma");
    TailUnderLoadSuite.Run slow = byKey.get("one 10× slower/peak-ewma");
    if (healthy != null && slow != null) {
      section.goal(
          TailUnderLoadSuite.goal(
              "peak-EWMA p99 at 80 % load, one 10× slower vs all healthy",
              "≤ 1.5×",
              slow.outcome().percentileMillis(99),
              healthy.outcome().percentileMillis(99),
              1.5));
      section.goal(
          TailUnderLoadSuite.goal(
              "peak-EWMA p99.9 at 80 % load, one 10× slower vs all healthy",
              "≤ 2×",
              slow.outcome().percentileMillis(99.9),
              healthy.outcome().percentileMillis(99.9),
              2.0));
    }
    return section;
  }
}
