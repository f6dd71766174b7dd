package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * How fast Ballast reacts to faults: the timed acceptance figures of the HTTP client and the JDBC
 * router, measured here rather than asserted in tests (the tests assert the outcomes and only bound
 * the times loosely).
 *
 * <p>HTTP, against testkit instances on loopback: zone a's health checks fail and recover (six
 * instances, two per zone, {@code ballast.zone=a}, checks every 200 ms, thresholds 2/2); one of
 * four instances hangs under a 300 ms request timeout; every instance is down. JDBC, against a real
 * PostgreSQL primary and two streaming replicas (r1 in the local zone a, r2 in b): r1 stops; r1's
 * replay is paused under continuous writes with {@code max-replica-lag=1s}.
 *
 * <p>Every wait is bounded; a reaction that never comes is reported as NaN and a missed goal.
 */
public final class FaultReactionSuite {
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public FaultReactionSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs both parts and writes {@code fault-reaction-http.*} and {@code -jdbc.*}. */
  public SectionResult run(Path out) {
    SectionResult section = new SectionResult("fault-reaction");
    int rounds = settings.isFull() ? 5 : 1;
    http(section, out, rounds);
    jdbc(section, out, rounds);
    return section;
  }

  // ---------------------------------------------------------------- HTTP

  private void http(SectionResult section, Path out, int rounds) {
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

  // ---------------------------------------------------------------- JDBC

  private void jdbc(SectionResult section, Path out, int rounds) {
    Table table = reactionTable("JDBC router", rounds);
    Histogram stopped = new Histogram(3);
    Histogram lagOut = new Histogram(3);
    Histogram lagBack = new Histogram(3);
    Histogram stopCalls = new Histogram(3);
    ReadLoad load;
    long readsOnR1AfterExclusion = 0;
    try (PostgresCluster cluster =
        PostgresCluster.builder().replicas(2).zones("a", "a", "b").start()) {
      PgNode r1 = cluster.node("r1");
      execute(cluster.primary(), "CREATE TABLE IF NOT EXISTS reaction (id int, v bigint)");
      execute(cluster.primary(), "INSERT INTO reaction VALUES (1, 0)");
      cluster.waitForReplication();
      Properties p = properties(cluster);
      p.setProperty("ballast.jdbc.max-replica-lag", "1s");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (RoutingDataSource ds = RoutingDataSource.fromProperties(p, registry)) {
        Gauge eligible = registry.get("ballast.jdbc.replica.eligible").gauge();
        // Reads flow all the time, as in a service, on their own thread; this thread only applies
        // faults and watches the router's eligible-replica gauge (polled every millisecond).
        load = new ReadLoad(ds, r1.port());
        load.start();
        try {
          for (int r = 0; r < rounds; r++) {
            awaitReadsOn(load, eligible);
            // The clock starts as the stop begins: the router may notice (a read's connection
            // fails) while PostgreSQL is still shutting down.
            long stopBegan = System.nanoTime();
            r1.stop();
            stopCalls.recordValue((System.nanoTime() - stopBegan) / 1_000_000);
            record(stopped, awaitMillis(stopBegan, () -> eligible.value() == 1));
            r1.start();
            awaitReadsOn(load, eligible);

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> writeUntil(cluster.primary(), writing), "writer");
            writer.start();
            try {
              // Continuous writes first, replayed by r1, so its lag starts from a recent commit.
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
              r1.pauseReplay();
              record(lagOut, awaitMillis(() -> eligible.value() == 1));
              // A read that picked r1 just before may still be running; then none may reach it.
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
              long before = load.readsOnR1.get();
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
              readsOnR1AfterExclusion += load.readsOnR1.get() - before;
              r1.resumeReplay();
              long resumedAt = load.readsOnR1.get();
              record(
                  lagBack,
                  awaitMillis(() -> eligible.value() == 2 && load.readsOnR1.get() > resumedAt));
            } finally {
              writing.set(false);
              r1.resumeReplay();
              joinQuietly(writer);
            }
          }
        } finally {
          load.stop();
        }
      }
    }
    row(
        table,
        "r1 (local zone) stopped",
        "r1 marked not eligible; reads go to r2 (stop() itself took "
            + stopCalls.getValueAtPercentile(50)
            + " ms median)",
        stopped,
        "≤ the health interval (200 ms)");
    row(
        table,
        "r1's replay paused under writes, max-replica-lag 1 s",
        "r1 marked not eligible (reads on it in the next 300 ms: " + readsOnR1AfterExclusion + ")",
        lagOut,
        "≤ 5 s");
    row(table, "r1's replay resumed", "r1 eligible and reading again", lagBack, "—");
    table.row(
        "reads throughout (one thread, back to back)",
        load.reads.get() + " reads, " + load.failed.get() + " failed",
        "—",
        "slowest " + load.slowestMicros.get() / 1000 + " ms",
        "0 failed");
    table.note(
        "health-check.interval 200 ms; HikariCP pools of 4. A row's clock starts when the"
            + " fault is applied (stop() called, pg_wal_replay_pause() returned) and stops when the"
            + " router's ballast.jdbc.replica.eligible gauge changes (polled every 1 ms). One"
            + " thread reads back to back throughout; a read that picked r1 just as it stopped"
            + " waits at most 250 ms for r1's pool, then picks again, which is the slowest read."
            + " The lag rows include the 1 s the replica must fall behind first.");
    table.write(out, "fault-reaction-jdbc");
    section.table(table);
    section.figure("jdbc replica stopped ms", Math.max(median(stopped), 0.001), "ms");
    section.figure("jdbc lag exclusion ms", median(lagOut), "ms");
    section.goal(goal("JDBC: r1 stopped → marked not eligible (worst round)", stopped, 200));
    section.goal(
        new Goal(
            "JDBC: reads that failed while a replica stopped, lagged and returned",
            "0",
            load.failed.get() + " of " + load.reads.get(),
            load.failed.get() == 0 && load.reads.get() > 0));
    section.goal(goal("JDBC: r1 lagging > 1 s → no reads on it (worst round)", lagOut, 5000));
    section.goal(
        new Goal(
            "JDBC: reads reaching r1 after it was marked lagging",
            "0",
            String.valueOf(readsOnR1AfterExclusion),
            readsOnR1AfterExclusion == 0));
  }

  /** Waits until r1 is eligible again and has served a read since. */
  private static void awaitReadsOn(ReadLoad load, Gauge eligible) {
    long before = load.readsOnR1.get();
    await(() -> eligible.value() == 2 && load.readsOnR1.get() > before);
  }

  /** Read-only connections back to back on one thread, counting where they landed. */
  private static final class ReadLoad implements Runnable {
    final AtomicLong reads = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong readsOnR1 = new AtomicLong();
    final AtomicLong slowestMicros = new AtomicLong();
    private final RoutingDataSource ds;
    private final int r1Port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this, "reaction-reads");

    ReadLoad(RoutingDataSource ds, int r1Port) {
      this.ds = ds;
      this.r1Port = r1Port;
    }

    void start() {
      thread.start();
    }

    void stop() {
      running.set(false);
      joinQuietly(thread);
    }

    @Override
    public void run() {
      long deadline = System.nanoTime() + LIMIT_NANOS * 20;
      while (running.get() && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
          c.setReadOnly(true);
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            if (rs.getInt(1) == r1Port) {
              readsOnR1.incrementAndGet();
            }
          }
        } catch (SQLException e) {
          failed.incrementAndGet();
        }
        reads.incrementAndGet();
        slowestMicros.accumulateAndGet((System.nanoTime() - t0) / 1000, Math::max);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
  }

  private static Properties properties(PostgresCluster cluster) {
    Properties p = new Properties();
    p.setProperty("ballast.zone", "a");
    p.setProperty("ballast.jdbc.name", "reaction");
    p.setProperty("ballast.jdbc.username", cluster.primary().user());
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl());
    for (PgNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl());
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".zone", r.zone());
    }
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "4");
    p.setProperty("ballast.jdbc.hikari.connectionTimeout", "5000");
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    return p;
  }

  private static void writeUntil(PgNode primary, AtomicBoolean writing) {
    long deadline = System.nanoTime() + LIMIT_NANOS * 4;
    try (Connection c = primary.dataSource().getConnection();
        Statement s = c.createStatement()) {
      while (writing.get() && System.nanoTime() < deadline) {
        s.executeUpdate("UPDATE reaction SET v = v + 1 WHERE id = 1");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writer failed", e);
    }
  }

  private static void execute(PgNode node, String sql) {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- shared

  private static Table reactionTable(String subject, int rounds) {
    return new Table(
        subject + ": time to react to faults (" + rounds + " rounds; median and worst)",
        "fault",
        "reaction",
        "median",
        "worst",
        "goal");
  }

  /** Waits, bounded, until {@code condition} holds; returns the milliseconds or NaN. */
  private static double awaitMillis(BooleanSupplier condition) {
    return awaitMillis(System.nanoTime(), condition);
  }

  /**
   * Waits, bounded, until {@code condition} holds; returns the milliseconds since {@code t0} (a
   * {@link System#nanoTime()} reading) or NaN.
   */
  private static double awaitMillis(long t0, BooleanSupplier condition) {
    while (System.nanoTime() - t0 < LIMIT_NANOS) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - t0) / 1e6;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return Double.NaN;
  }

  private static void await(BooleanSupplier condition) {
    if (Double.isNaN(awaitMillis(condition))) {
      throw new IllegalStateException("the scenario did not settle within 30 s");
    }
  }

  /** Records {@code millis}; a reaction that never came is recorded as the 30 s limit. */
  private static void record(Histogram h, double millis) {
    h.recordValue(
        Double.isNaN(millis) ? TimeUnit.NANOSECONDS.toMillis(LIMIT_NANOS) : (long) millis);
  }

  private static double median(Histogram h) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50);
  }

  private static void row(Table table, String fault, String reaction, Histogram h, String goal) {
    table.row(
        fault,
        reaction,
        h.getTotalCount() == 0 ? "n/a" : h.getValueAtPercentile(50) + " ms",
        h.getTotalCount() == 0 ? "n/a" : h.getMaxValue() + " ms",
        goal);
  }

  private static Goal goal(String name, Histogram h, long limitMillis) {
    boolean met = h.getTotalCount() > 0 && h.getMaxValue() <= limitMillis;
    String measured = h.getTotalCount() == 0 ? "no reaction" : h.getMaxValue() + " ms";
    String target =
        limitMillis >= 1000 ? "≤ " + limitMillis / 1000 + " s" : "≤ " + limitMillis + " ms";
    return new Goal(name, target, measured, met);
  }
}
