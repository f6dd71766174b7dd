package dev.ballast.benchmarks.scenario;

import static dev.ballast.benchmarks.scenario.Reactions.await;
import static dev.ballast.benchmarks.scenario.Reactions.awaitMillis;
import static dev.ballast.benchmarks.scenario.Reactions.goal;
import static dev.ballast.benchmarks.scenario.Reactions.median;
import static dev.ballast.benchmarks.scenario.Reactions.reactionTable;
import static dev.ballast.benchmarks.scenario.Reactions.record;
import static dev.ballast.benchmarks.scenario.Reactions.row;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The HTTP half of {@link FaultReactionSuite}: testkit instances on loopback whose zone a fails and
 * recovers its health checks, one of which hangs under a request timeout, all of which are down,
 * and a hung service behind a bulkhead; writes {@code fault-reaction-http.*}.
 */
final class HttpFaultReactions {
  private final RunSettings settings;

  HttpFaultReactions(RunSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs {@code rounds} rounds of each fault, adding the table, figures and goals to {@code
   * section}.
   */
  void run(SectionResult section, Path out, int rounds) {
    Table table = reactionTable("HTTP client", rounds);
    Histogram spill = new Histogram(3);
    Histogram back = new Histogram(3);
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder()
            .name("reaction-zones")
            .instances(6)
            .zones("a", "a", "b", "b", "c", "c")
            .build()) {
      Properties p = service(farm);
      p.setProperty("ballast.zone", "a");
      p.setProperty("ballast.http.defaults.health-check.path", farm.healthPath());
      p.setProperty("ballast.http.defaults.health-check.interval", "200ms");
      p.setProperty("ballast.http.defaults.health-check.healthy-threshold", "2");
      p.setProperty("ballast.http.defaults.health-check.unhealthy-threshold", "2");
      try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
        for (int r = 0; r < rounds; r++) {
          await(() -> localOf20(client) >= 19);
          farm.instancesInZone("a").forEach(i -> i.healthStatus(503));
          record(spill, awaitMillis(() -> localOf20(client) <= 1));
          farm.instancesInZone("a").forEach(i -> i.healthStatus(200));
          record(back, awaitMillis(() -> localOf20(client) >= 19));
        }
      }
    }
    row(table, "zone a health checks fail", "≥ 95 % of GETs in b/c", spill, "≤ 5 s");
    row(table, "zone a health checks pass again", "≥ 95 % of GETs back in a", back, "≤ 5 s");
    section.figure("zone spill ms", median(spill), "ms");
    section.figure("zone return ms", median(back), "ms");
    section.goal(
        goal("HTTP: zone a unhealthy → ≥ 95 % of traffic in b/c (worst round)", spill, 5000));
    section.goal(goal("HTTP: zone a healthy → traffic back in a (worst round)", back, 5000));

    HungRun hung = hungInstance(rounds, table);
    long slowest = hung.latency().getMaxValue();
    boolean allAnswered = hung.failed() == 0 && hung.latency().getTotalCount() > 0;
    // a GET that failed has no "slowest successful" figure: NaN, and the goal is missed
    section.figure("slowest GET with a hung instance ms", allAnswered ? slowest : Double.NaN, "ms");
    section.goal(
        new Goal(
            "HTTP: one instance hangs, request-timeout 300 ms: slowest successful GET",
            "≤ 1.5 s",
            allAnswered ? slowest + " ms" : hung.failed() + " GETs failed",
            allAnswered && slowest <= 1500));

    Histogram down = allDown(rounds);
    row(
        table,
        "all 4 instances down (refused), 4 attempts",
        "send throws BallastHttpException",
        down,
        "≈ connect-timeout × attempts (2 s)");
    section.figure("all endpoints down ms", Math.max(median(down), 0.001), "ms");
    section.goal(goal("HTTP: every endpoint down → exception (worst round)", down, 2000));

    bulkhead(section, table);

    table.note(
        "Zone rows: a single thread sends GETs in windows of 20; the clock starts at the health"
            + " flip and stops at the end of the first window with at most 1 (resp. at least 19)"
            + " GETs in zone a. Health checks every 200 ms, thresholds 2/2, so two failed or passed"
            + " checks are needed: about 400 ms at best.");
    table.write(out, "fault-reaction-http");
    section.table(table);
  }

  /** The hung-instance scenario: every GET's latency, and how many failed. */
  private record HungRun(Histogram latency, long failed) {}

  private HungRun hungInstance(int rounds, Table table) {
    Histogram latency = new ConcurrentHistogram(3);
    AtomicLong failed = new AtomicLong();
    int perThread = settings.isFull() ? 100 : 25;
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().name("reaction-hang").instances(4).build()) {
      Properties p = service(farm);
      p.setProperty("ballast.http.defaults.request-timeout", "300ms");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
        for (int r = 0; r < rounds; r++) {
          HttpInstance hanging = farm.instances().get(r % 4);
          hanging.hang(true);
          List<Future<?>> workers = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            workers.add(
                pool.submit(
                    () -> {
                      for (int i = 0; i < perThread; i++) {
                        long t0 = System.nanoTime();
                        try {
                          ServiceResponse response =
                              client.send(ServiceRequest.get("orders", "/hang").build());
                          if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                          }
                        } catch (BallastHttpException e) {
                          failed.incrementAndGet();
                        }
                        latency.recordValue((System.nanoTime() - t0) / 1_000_000);
                      }
                      return null;
                    }));
          }
          for (Future<?> w : workers) {
            w.get(2, TimeUnit.MINUTES);
          }
          hanging.hang(false);
        }
      } catch (Exception e) {
        throw new IllegalStateException("hung-instance scenario failed", e);
      } finally {
        pool.shutdownNow();
      }
    }
    table.row(
        "one of 4 instances hangs, request-timeout 300 ms, 4 threads × " + perThread + " GETs",
        "GETs that failed: " + failed.get() + " of " + latency.getTotalCount(),
        "p99 " + latency.getValueAtPercentile(99) + " ms",
        "max " + latency.getMaxValue() + " ms",
        "every GET succeeds, none over ~1.5 s");
    return new HungRun(latency, failed.get());
  }

  /** Issue 12 §5: a hung service behind a bulkhead of 8, 200 callers at once. */
  private static void bulkhead(SectionResult section, Table table) {
    BulkheadRun run = BulkheadRun.run();
    Histogram refused = run.rejectedMicros();
    int expected = BulkheadRun.CALLERS - BulkheadRun.LIMIT;
    table.row(
        "hung service, bulkhead.max-concurrent-calls="
            + BulkheadRun.LIMIT
            + ", "
            + BulkheadRun.CALLERS
            + " callers at once",
        "refused "
            + refused.getTotalCount()
            + " of "
            + BulkheadRun.CALLERS
            + "; requests that reached the instances: "
            + run.reachedNetwork(),
        String.format("%.2f ms", refused.getValueAtPercentile(50) / 1000.0),
        String.format("%.2f ms", refused.getMaxValue() / 1000.0),
        expected + " refused in < 50 ms each, " + BulkheadRun.LIMIT + " reach the network");
    double before = run.healthyBefore().getValueAtPercentile(99);
    double during = run.healthyDuring().getValueAtPercentile(99);
    table.row(
        "… another service of the same client, meanwhile",
        run.healthyDuring().getTotalCount()
            + " GETs, "
            + run.healthyFailures()
            + " failed; p99 before "
            + (long) before
            + " µs",
        "p50 " + run.healthyDuring().getValueAtPercentile(50) + " µs",
        "p99 " + (long) during + " µs",
        "0 failed, normal latency");
    section.figure("bulkhead refusal, slowest ms", refused.getMaxValue() / 1000.0, "ms");
    section.figure(
        "healthy service p99 during the pile-up ÷ before", during / Math.max(1, before), "×");
    boolean met =
        refused.getTotalCount() == expected
            && run.reachedNetwork() == BulkheadRun.LIMIT
            && run.otherFailures() == 0
            && refused.getMaxValue() < 50_000;
    section.goal(
        new Goal(
            "HTTP (issue 12 §5): bulkhead of 8, 200 callers to a hung service: slowest refusal",
            "< 50 ms, 8 reach the network",
            String.format(
                "%.2f ms, %d refused, %d reached",
                refused.getMaxValue() / 1000.0, refused.getTotalCount(), run.reachedNetwork()),
            met));
    section.goal(
        new Goal(
            "HTTP (issue 12 §5): the healthy service meanwhile: failures; p99 during ÷ before",
            "0",
            run.healthyFailures() + "; " + String.format("%.2f×", during / Math.max(1, before)),
            run.healthyFailures() == 0));
  }

  private static Histogram allDown(int rounds) {
    Histogram took = new Histogram(3);
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().name("reaction-down").instances(4).build()) {
      farm.instances().forEach(HttpInstance::stop);
      Properties p = service(farm);
      p.setProperty("ballast.http.defaults.connect-timeout", "500ms");
      p.setProperty("ballast.http.defaults.retry.max-attempts", "4");
      try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
        for (int r = 0; r < rounds; r++) {
          long t0 = System.nanoTime();
          try {
            client.send(ServiceRequest.get("orders", "/down").build());
            return new Histogram(3); // answered although every instance is down
          } catch (BallastHttpException expected) {
            record(took, (System.nanoTime() - t0) / 1e6);
          }
        }
      }
    }
    return took;
  }

  private static Properties service(HttpInstanceFarm farm) {
    Properties p = new Properties();
    p.setProperty("ballast.http.services.orders.endpoints", farm.endpointSpecs());
    return p;
  }

  /** Sends 20 GETs and returns how many were answered in zone a. */
  private static int localOf20(BallastHttpClient client) {
    int local = 0;
    for (int i = 0; i < 20; i++) {
      ServiceResponse response = client.send(ServiceRequest.get("orders", "/zone").build());
      local += response.endpoint().zone().equals("a") ? 1 : 0;
    }
    return local;
  }
}
