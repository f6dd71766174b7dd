package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

import dev.ballast.reliability.internal.FaultInjector;
import dev.ballast.reliability.internal.FaultSpan;
import dev.ballast.reliability.internal.HttpTraffic;
import dev.ballast.reliability.internal.JdbcTraffic;
import dev.ballast.reliability.internal.LoadLoop;
import dev.ballast.reliability.internal.PhasedLatency;
import dev.ballast.reliability.internal.SoakChecks;
import dev.ballast.reliability.internal.SoakReport;
import dev.ballast.reliability.internal.SoakRig;
import dev.ballast.reliability.internal.ThreadCensus;
import dev.ballast.reliability.internal.Timeline;
import dev.ballast.reliability.internal.TimelineChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The seeded chaos soak: real HTTP instances and a real PostgreSQL cluster on {@code 127.0.0.1},
 * constant load through Ballast's HTTP client and JDBC router, and a {@link FaultPlan} of kills,
 * hangs, slowness, 5xx bursts, resets, health flaps, replica stops, replay pauses, apply delays and
 * one failover, with invariants checked throughout and a report at the end.
 *
 * <p>Load: 4 threads × 100 calls/s over HTTP (every tenth a POST); 3 threads × 40 writes/s, each
 * read back at once under {@code read-your-writes=lsn}; 2 threads × 100 plain reads/s. Every loop
 * is bounded by the plan's length plus two minutes.
 *
 * <p>Long mode, from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl reliability -am install -DskipTests
 * mvn -B -ntp -q -pl reliability exec:java -Dexec.args="--minutes 10 --seed 42 --out reliability/reports"
 * </pre>
 *
 * The exit status is 0 when every invariant held, 1 otherwise, 2 for bad arguments.
 */
public final class ChaosSoak {
  private static final int HTTP_WORKERS = 4;
  private static final int HTTP_RATE = 100;
  private static final int WRITE_WORKERS = 3;
  private static final int WRITE_RATE = 40;
  private static final int READ_WORKERS = 2;
  private static final int READ_RATE = 100;
  private static final Duration RECOVERY = Duration.ofSeconds(3);

  private ChaosSoak() {}

  /** Runs the soak from the command line; see the class documentation. */
  public static void main(String[] args) throws Exception {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SoakResult result = run(options);
    System.out.println("Chaos soak seed " + options.seed() + ", " + options.length() + ":");
    for (Invariant i : result.invariants()) {
      System.out.println(
          (i.held() ? "  held     " : "  VIOLATED ") + i.name() + ": " + i.observed());
    }
    System.out.println("Report: " + result.markdown() + " and " + result.chart());
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * Runs one soak and writes {@code chaos-soak.md} and {@code chaos-soak.png} into the options'
   * directory. Blocks for the plan's length plus start-up, warm-up and checks (about 30 s more).
   *
   * @throws Exception when the rig cannot start or the report cannot be written; invariant
   *     violations are reported in the result, not thrown
   */
  public static SoakResult run(SoakOptions options) throws Exception {
    requireNonNull(options, "options");
    ThreadCensus census = ThreadCensus.take();
    Files.createDirectories(options.outputDirectory());
    long wallStart = System.currentTimeMillis();
    SoakChecks checks;
    Timeline timeline;
    FaultPlan plan;
    List<FaultSpan> spans = new ArrayList<>();
    List<String> lanes;
    List<String> settings;
    int seconds;
    try (SoakRig rig = SoakRig.start(options.margins())) {
      plan =
          FaultPlan.generate(
              options.seed(), options.length(), rig.instanceIds(), rig.replicaNames());
      lanes = new ArrayList<>(rig.instanceIds());
      lanes.add("primary");
      lanes.addAll(rig.replicaNames());
      settings = rig.settings();
      timeline = Timeline.start(options.length().plus(Duration.ofMinutes(3)));
      HttpTraffic http =
          new HttpTraffic(rig.client(), SoakRig.SERVICE, 10, new PhasedLatency("run"), timeline);
      JdbcTraffic ryw =
          new JdbcTraffic(
              rig.dataSource(),
              rig.dataSource().forReads(),
              SoakRig.TABLE,
              0,
              rig::nodeOfPort,
              timeline);
      JdbcTraffic reads =
          new JdbcTraffic(
              rig.dataSource(),
              rig.dataSource().forReads(),
              SoakRig.TABLE,
              0,
              rig::nodeOfPort,
              timeline);
      FaultInjector injector =
          new FaultInjector(plan, rig.farm(), rig.cluster(), SoakRig.BASE_MIN, SoakRig.BASE_MAX);
      http.excuseWhen(t -> injector.noHealthyInstance());
      checks = new SoakChecks(plan, injector, timeline, http, ryw, reads, options.margins());
      Duration bound = options.length().plus(Duration.ofMinutes(2));
      try (LoadLoop h = load("soak-http", HTTP_WORKERS, HTTP_RATE, bound, http.operation());
          LoadLoop w =
              load("soak-write", WRITE_WORKERS, WRITE_RATE, bound, ryw.writeOperation(true));
          LoadLoop r = load("soak-read", READ_WORKERS, READ_RATE, bound, reads.readOperation());
          LoadLoop g =
              load(
                  "soak-gauge",
                  1,
                  4,
                  bound,
                  (k, s) -> timeline.max("threads", ThreadCensus.count()))) {
        checks.warmUp();
        injector.start();
        checks.runStarted();
        sleep(Duration.ofMillis(plan.lengthMillis()));
        injector.awaitDone(Duration.ofMinutes(2));
        sleep(RECOVERY);
        for (LoadLoop l : List.of(h, w, r, g)) {
          l.stop(Duration.ofSeconds(30));
        }
        checks.loadStopped(List.of(h, w, r), rig);
      } finally {
        injector.close();
      }
      seconds = (int) Math.ceil(timeline.elapsedSeconds());
      timeline.close();
      for (int i = 0; i < plan.faults().size(); i++) {
        spans.add(span(plan.faults().get(i), injector, i, timeline));
      }
      checks.beforeClose(rig);
    }
    checks.afterClose(census);
    seconds = Math.min(seconds, timeline.seconds());
    Path md = options.outputDirectory().resolve("chaos-soak.md");
    Path png = options.outputDirectory().resolve("chaos-soak.png");
    TimelineChart.write(png, timeline, spans, lanes, seconds);
    List<Invariant> invariants = checks.invariants();
    SoakReport.write(
        md, png, options, plan, spans, invariants, checks.figures(), settings, wallStart);
    return new SoakResult(plan, invariants, md, png);
  }

  private static LoadLoop load(
      String name, int workers, int rate, Duration bound, LoadLoop.Operation op) {
    long max = rate * (bound.toSeconds() + 1);
    return LoadLoop.start(name, workers, rate, bound, max, op);
  }

  private static FaultSpan span(Fault f, FaultInjector injector, int i, Timeline timeline) {
    long started = injector.startedNanos(i);
    if (started == 0) {
      return new FaultSpan(f, Double.NaN, Double.NaN);
    }
    long undone = injector.undoneNanos(i);
    double start = timeline.secondOf(started);
    return new FaultSpan(f, start, undone == 0 ? start : timeline.secondOf(undone));
  }

  private static void sleep(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }
  }
}
