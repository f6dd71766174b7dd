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
  // Reads that failed while a scenario ran (a failed read reached no replica, so it must not
  // pass for a read that left r1).
  private static final AtomicLong FAILED_READS = new AtomicLong();
  private static final AtomicLong SLOWEST_READ_MICROS = new AtomicLong();

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

    Histogram hung = hungInstance(rounds, table);
    section.figure("slowest GET with a hung instance ms", hung.getMaxValue(), "ms");
    section.goal(
        new Goal(
            "HTTP: one instance hangs, request-timeout 300 ms: slowest successful GET",
            "≤ 1.5 s",
            hung.getMaxValue() + " ms",
            hung.getTotalCount() > 0 && hung.getMaxValue() <= 1500));

    Histogram down = allDown(rounds);
    row(
        table,
        "all 4 instances down (refused), 4 attempts",
        "send throws BallastHttpException",
        down,
        "≈ connect-timeout × attempts (2 s)");
    section.figure("all endpoints down ms", Math.max(median(down), 0.001), "ms");
    section.goal(goal("HTTP: every endpoint down → exception (worst round)", down, 2000));

    table.note(
        "Zone rows: a single thread sends GETs in windows of 20; the clock starts at the health"
            + " flip and stops at the end of the first window with at most 1 (resp. at least 19)"
            + " GETs in zone a. Health checks every 200 ms, thresholds 2/2, so two failed or passed"
            + " checks are needed: about 400 ms at best.");
    table.write(out, "fault-reaction-http");
    section.table(table);
  }

  private Histogram hungInstance(int rounds, Table table) {
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
    return failed.get() == 0 ? latency : new Histogram(3);
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
    try (PostgresCluster cluster =
        PostgresCluster.builder().replicas(2).zones("a", "a", "b").start()) {
      PgNode r1 = cluster.node("r1");
      execute(cluster.primary(), "CREATE TABLE IF NOT EXISTS reaction (id int, v bigint)");
      execute(cluster.primary(), "INSERT INTO reaction VALUES (1, 0)");
      cluster.waitForReplication();
      Properties p = properties(cluster);
      p.setProperty("ballast.jdbc.max-replica-lag", "1s");
      FAILED_READS.set(0);
      SLOWEST_READ_MICROS.set(0);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (RoutingDataSource ds = RoutingDataSource.fromProperties(p, registry)) {
        Gauge eligible = registry.get("ballast.jdbc.replica.eligible").gauge();
        for (int r = 0; r < rounds; r++) {
          await(() -> eligible.value() == 2 && readsOn(cluster, ds, r1));
          // Reads keep flowing while the router reacts, as they would in a service; the clock
          // stops when r1 is no longer eligible (the gauge), and the reads are checked after.
          r1.stop();
          record(stopped, awaitMillis(() -> !readsOn(cluster, ds, r1) && eligible.value() == 1));
          r1.start();
          await(() -> eligible.value() == 2 && readsOn(cluster, ds, r1));

          AtomicBoolean writing = new AtomicBoolean(true);
          Thread writer = new Thread(() -> writeUntil(cluster.primary(), writing), "writer");
          writer.start();
          try {
            r1.pauseReplay();
            record(lagOut, awaitMillis(() -> eligible.value() == 1 && !readsOn(cluster, ds, r1)));
            r1.resumeReplay();
            record(lagBack, awaitMillis(() -> eligible.value() == 2 && readsOn(cluster, ds, r1)));
          } finally {
            writing.set(false);
            r1.resumeReplay();
            joinQuietly(writer);
          }
        }
      }
    }
    long failedReads = FAILED_READS.get();
    row(
        table,
        "r1 (local zone) stopped",
        "r1 not eligible, reads on r2 (failed reads: "
            + failedReads
            + "; slowest read: "
            + SLOWEST_READ_MICROS.get() / 1000
            + " ms)",
        stopped,
        "≤ the health interval (200 ms)");
    row(
        table,
        "r1's replay paused under writes, max-replica-lag 1 s",
        "r1 gets no reads",
        lagOut,
        "≤ 5 s");
    row(table, "r1's replay resumed", "r1 gets reads again", lagBack, "—");
    table.note(
        "health-check.interval 200 ms; HikariCP pools of 4. A row's clock starts when the"
            + " fault is applied (stop() returned, pg_wal_replay_pause() ran) and stops when the"
            + " router's ballast.jdbc.replica.eligible gauge has changed and a batch of 10"
            + " read-only connections confirms it (none, resp. at least one, on r1); reads run"
            + " throughout, and the failed and slowest reads are over every round. A read that"
            + " picked r1 just as it stopped waits at most 250 ms for r1's pool, then re-picks."
            + " The lag rows include the 1 s the replica must fall behind first.");
    table.write(out, "fault-reaction-jdbc");
    section.table(table);
    section.figure("jdbc replica stopped ms", Math.max(median(stopped), 0.001), "ms");
    section.figure("jdbc lag exclusion ms", median(lagOut), "ms");
    section.goal(goal("JDBC: r1 stopped → reads on r2 (worst round)", stopped, 200));
    section.goal(
        new Goal(
            "JDBC: reads that failed while replicas stopped, lagged and returned",
            "0",
            String.valueOf(failedReads),
            failedReads == 0));
    section.goal(goal("JDBC: r1 lagging > 1 s → no reads on it (worst round)", lagOut, 5000));
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

  /** Whether any of 10 read-only connections reached {@code node}. */
  private static boolean readsOn(PostgresCluster cluster, RoutingDataSource ds, PgNode node) {
    boolean any = false;
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        c.setReadOnly(true);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
          rs.next();
          any |= rs.getInt(1) == node.port();
        }
      } catch (SQLException e) {
        FAILED_READS.incrementAndGet();
      }
      SLOWEST_READ_MICROS.accumulateAndGet((System.nanoTime() - t0) / 1000, Math::max);
    }
    return any;
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
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < LIMIT_NANOS) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - t0) / 1e6;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
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
