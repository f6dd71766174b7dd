package dev.ballast.benchmarks.scenario;

import static dev.ballast.benchmarks.scenario.Reactions.LIMIT_NANOS;
import static dev.ballast.benchmarks.scenario.Reactions.await;
import static dev.ballast.benchmarks.scenario.Reactions.awaitMillis;
import static dev.ballast.benchmarks.scenario.Reactions.goal;
import static dev.ballast.benchmarks.scenario.Reactions.joinQuietly;
import static dev.ballast.benchmarks.scenario.Reactions.median;
import static dev.ballast.benchmarks.scenario.Reactions.reactionTable;
import static dev.ballast.benchmarks.scenario.Reactions.record;
import static dev.ballast.benchmarks.scenario.Reactions.row;

import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The JDBC half of {@link FaultReactionSuite}: a real PostgreSQL primary and two streaming replicas
 * (r1 in the local zone a, r2 in b) under a continuous read load, r1 stopped and its replay paused
 * under writes; writes {@code fault-reaction-jdbc.*}.
 */
final class JdbcFaultReactions {
  private JdbcFaultReactions() {}

  /**
   * Runs {@code rounds} rounds of each fault, adding the table, figures and goals to {@code
   * section}.
   */
  static void run(SectionResult section, Path out, int rounds) {
    Table table = reactionTable("JDBC router", rounds);
    Histogram stopped = new Histogram(3);
    Histogram lagOut = new Histogram(3);
    Histogram lagBack = new Histogram(3);
    Histogram stopCalls = new Histogram(3);
    ReplicaReadLoad load;
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
        load = new ReplicaReadLoad(ds, r1.port());
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
  private static void awaitReadsOn(ReplicaReadLoad load, Gauge eligible) {
    long before = load.readsOnR1.get();
    await(() -> eligible.value() == 2 && load.readsOnR1.get() > before);
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
}
