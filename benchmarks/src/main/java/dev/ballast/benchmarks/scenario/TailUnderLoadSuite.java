package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The tail-latency table again, at 80 % of the fleet's capacity instead of a light load. Each of
 * the 10 instances serves at most {@link #WORKERS} requests at once and queues the rest (FIFO, in
 * the instance), so an instance sent more than its share answers later by its queueing delay, as a
 * server with a bounded thread pool does; one instance is 10× slower, so its capacity is a tenth of
 * the others'. The fleet's capacity is the sum of {@code workers ÷ latency} over the instances with
 * the slow one counted as slow (the load a perfect rule could still serve), and the load is an open
 * loop at 80 % of it with seeded Poisson arrivals, the same sequence for every rule; the
 * all-healthy runs use the same rate. Rules and transport are those of {@link TailLatencySuite}
 * (same Ballast client, retries off; Spring Cloud LB's round robin chooses, Ballast sends).
 */
public final class TailUnderLoadSuite {
  static final int WORKERS = 2;
  // Longer than the light-load table's 10 ms: a worker is freed by a timer, and on a loaded
  // 2-core machine timers fire a few ms late; at 10 ms that lateness alone takes 20-30 % off the
  // capacity and pushes an 80 % load past 100 %, at 50 ms it is a few per cent.
  static final Duration LATENCY = Duration.ofMillis(50);
  static final int SLOW_FACTOR = 10;
  static final double LOAD = 0.8;
  static final List<String> RULES =
      List.of("round-robin", "least-request", "peak-ewma", "Spring Cloud LB RoundRobin");
  static final List<String> SCENARIOS = List.of("all healthy", "one 10× slower");
  private static final long WARMUP_SEED = 17;
  private static final long MEASURED_SEED = 42;

  private final RunSettings settings;

  /**
   * A suite run with {@code settings}: its warm-up and duration apply; the rate follows from the
   * fleet's capacity, not from {@link RunSettings#requestRate()}.
   *
   * @param settings how long each run lasts
   */
  public TailUnderLoadSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** One rule's result in one scenario. */
  record Run(
      String scenario,
      String rule,
      OpenLoopDriver.Outcome outcome,
      double slowShare,
      double queued) {}

  /** {@return the fleet's capacity in requests per second, with the slow instance counted slow} */
  static double capacityPerSecond() {
    double perFast = WORKERS / (LATENCY.toNanos() / 1e9);
    double perSlow = perFast / SLOW_FACTOR;
    return (TailLatencySuite.INSTANCES - 1) * perFast + perSlow;
  }

  static double healthyCapacityPerSecond() {
    return TailLatencySuite.INSTANCES * WORKERS / (LATENCY.toNanos() / 1e9);
  }

  static int rate() {
    return (int) Math.round(LOAD * capacityPerSecond());
  }

  /**
   * Runs both scenarios under every rule (round robin and peak-EWMA only, unless the settings are
   * the {@linkplain RunSettings#isFull() full} ones) and writes {@code tail-latency-load.*} into
   * {@code out}.
   *
   * @param out the directory for tables and charts
   * @return the section's tables, figures and goals
   */
  public SectionResult run(Path out) {
    List<Run> runs = new ArrayList<>();
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder()
            .name("tail-load")
            .instances(TailLatencySuite.INSTANCES)
            .concurrencyLimit(WORKERS)
            .ioThreads(1)
            .build()) {
      // Spring's round robin keeps feeding the slow instance a backlog that takes seconds to drain
      // after every run; short presets (the CI smoke test) cover the code with two rules only.
      List<String> rules = settings.isFull() ? RULES : List.of("round-robin", "peak-ewma");
      for (String scenario : SCENARIOS) {
        for (String rule : rules) {
          setLatencies(farm, scenario);
          runs.add(runOne(farm, scenario, rule));
        }
      }
    }
    return TailUnderLoadReport.write(runs, settings, rate(), out);
  }

  private static void setLatencies(HttpInstanceFarm farm, String scenario) {
    for (HttpInstance i : farm.instances()) {
      i.clearFaults();
      i.latency(LATENCY);
    }
    if (!scenario.equals("all healthy")) {
      farm.instance(TailLatencySuite.BAD).latency(LATENCY.multipliedBy(SLOW_FACTOR));
    }
  }

  // Closing the client closes its connections, so requests still queued in an instance are dropped
  // there and the next run starts with idle workers.
  private Run runOne(HttpInstanceFarm farm, String scenario, String rule) {
    try (BallastHttpClient client = TailLatencySuite.client(farm, rule)) {
      Supplier<CompletionStage<Integer>> request = TailLatencySuite.request(client, farm, rule);
      OpenLoopDriver.runPoisson(request, rate(), settings.scenarioWarmup(), WARMUP_SEED);
      farm.resetCounters();
      OpenLoopDriver.Outcome outcome =
          OpenLoopDriver.runPoisson(request, rate(), settings.scenarioDuration(), MEASURED_SEED);
      long total = farm.totalRequests();
      long queued = 0;
      for (HttpInstance i : farm.instances()) {
        queued += i.queuedRequestCount();
      }
      double share =
          total == 0
              ? Double.NaN
              : farm.instance(TailLatencySuite.BAD).requestCount() / (double) total;
      return new Run(
          scenario, rule, outcome, share, total == 0 ? Double.NaN : queued / (double) total);
    }
  }

  static Map<String, List<Double>> percentileSeries(List<Run> runs, String scenario) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (Run r : runs) {
      if (r.scenario().equals(scenario)) {
        List<Double> values = new ArrayList<>();
        for (double p : TailLatencySuite.PERCENTILES) {
          values.add(r.outcome().percentileMillis(p));
        }
        series.put(r.rule(), values);
      }
    }
    return series;
  }

  static Path chart(Path out, List<Run> runs) {
    return Charts.percentileCurves(
        out.resolve("tail-latency-load-slow.png"),
        "Latency percentiles at 80 % of capacity, one 10× slower instance",
        TailLatencySuite.PERCENTILE_LABELS,
        percentileSeries(runs, "one 10× slower"));
  }

  static Goal goal(String name, String target, double measured, double healthy, double bound) {
    return new Goal(
        name,
        target,
        Table.ratio(measured / healthy)
            + " ("
            + Table.num(measured, 2)
            + " vs "
            + Table.num(healthy, 2)
            + " ms)",
        measured <= bound * healthy);
  }
}
