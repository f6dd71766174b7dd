package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes and failover on a real PostgreSQL primary + streaming replica (testkit).
 *
 * <p>Consistency: one thread repeatedly writes a new value through {@link RoutingDataSource} and
 * reads it back at once on a read-only connection, with the replica lagging by a 200 ms apply delay
 * or with its replay paused, under each read-your-writes mode; a read that returns an older value
 * is stale. Failover: with {@code topology=auto}, the primary is stopped and the replica promoted
 * with {@code pg_promote()}; the figure is the time from the promotion call to the first write that
 * succeeds through the router.
 */
public final class ConsistencySuite {
  private static final Duration APPLY_DELAY = Duration.ofMillis(200);
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public ConsistencySuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs both parts and writes {@code consistency.*} and {@code failover.*} into {@code out}. */
  public SectionResult run(Path out) {
    SectionResult section = new SectionResult("consistency-failover");
    int steps = settings.isFull() ? 50 : settings.name().equals("quick") ? 15 : 5;
    Table table =
        new Table(
            "Read-your-writes: write then read back at once, " + steps + " times per cell",
            "replica state",
            "read-your-writes",
            "stale reads",
            "reads served by the replica",
            "read p50 ms",
            "read max ms");
    double staleLsnOrWindow = 0;
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode primary = cluster.primary();
      PgNode replica = cluster.replicas().get(0);
      createTable(primary);
      cluster.waitForReplication();
      for (String state : List.of("in sync", "200 ms apply delay", "replay paused")) {
        if (state.equals("200 ms apply delay")) {
          replica.applyDelay(APPLY_DELAY);
        } else if (state.equals("replay paused")) {
          replica.applyDelay(Duration.ZERO);
          cluster.waitForReplication();
          replica.pauseReplay();
        }
        // gtid is MariaDB's and MySQL's: a PostgreSQL router refuses it at start-up
        for (ReadYourWrites mode :
            List.of(ReadYourWrites.OFF, ReadYourWrites.WINDOW, ReadYourWrites.LSN)) {
          ReadBackSteps cell = measure(primary, replica, mode, steps);
          table.row(
              state,
              mode.name().toLowerCase(java.util.Locale.ROOT),
              cell.stale + " / " + steps,
              Table.pct(cell.replicaReads / (double) steps),
              Table.num(cell.latencyMicros.getValueAtPercentile(50) / 1000.0, 2),
              Table.num(cell.latencyMicros.getMaxValue() / 1000.0, 2));
          section.figure(state + "/" + mode + " reads", steps, "reads");
          if (mode != ReadYourWrites.OFF && !state.equals("in sync")) {
            staleLsnOrWindow += cell.stale;
          }
        }
      }
      replica.resumeReplay();
    } catch (SQLException e) {
      throw new IllegalStateException("consistency scenario failed", e);
    }
    table.note(
        "RoutingDataSource defaults apart from the mode: window 2 s, lsn max-wait 0 (a"
            + " read-back right after the write goes to the primary unless the replica is known"
            + " to have replayed it), one scope per step, max-replica-lag 5 s, fallback primary, health-check interval 1 s. HikariCP pools of"
            + " 4 connections per host. The replica's apply delay is recovery_min_apply_delay;"
            + " paused is pg_wal_replay_pause().");
    table.write(out, "consistency");
    section.table(table);
    section.goal(
        new Goal(
            "stale reads after own write with read-your-writes window / lsn, lagging replica",
            "0",
            String.valueOf((long) staleLsnOrWindow),
            staleLsnOrWindow == 0));

    double[] failoverTimes = failover();
    double failoverMillis = failoverTimes[0];
    Table failover =
        new Table(
            "Failover: primary stopped, replica promoted with pg_promote(), topology=auto",
            "measure",
            "value");
    failover.row(
        "pg_promote() to first successful write through the router",
        Table.num(failoverMillis, 0) + " ms");
    failover.row(
        "… of which pg_promote() itself, until the replica accepts writes",
        Table.num(failoverTimes[1], 0) + " ms");
    failover.note(
        "A writer thread attempts an UPDATE through RoutingDataSource every 10 ms (HikariCP"
            + " connectionTimeout 250 ms so a dead host fails fast); health-check interval 1 s"
            + " (the default); the clock starts when pg_promote() is called, after the old primary"
            + " has stopped.");
    failover.write(out, "failover");
    section.table(failover);
    section.figure("failover ms", failoverMillis, "ms");
    section.goal(
        new Goal(
            "pg_promote() to first successful write, topology=auto",
            "≤ 500 ms (issue 13 §10; ≤ 2 s before)",
            Table.num(failoverMillis, 0) + " ms",
            failoverMillis <= 500));
    return section;
  }

  private static HikariDataSource pool(PgNode node, String name) {
    HikariDataSource ds = JdbcContenders.pool(node, name);
    ds.setConnectionTimeout(250);
    return ds;
  }

  private static ReadBackSteps measure(
      PgNode primary, PgNode replica, ReadYourWrites mode, int steps) throws SQLException {
    try (HikariDataSource p = pool(primary, "ryw-primary");
        HikariDataSource r = pool(replica, "ryw-replica");
        RoutingDataSource router =
            RoutingDataSource.builder()
                .name("ryw")
                .primary(p)
                .replica("r1", r)
                .readYourWrites(mode)
                .build()) {
      return ReadBackSteps.run(
          router,
          steps,
          "SELECT v, pg_is_in_recovery() FROM bench_counter WHERE id = 1",
          routing -> routing.withToken(ConsistencyToken.ofLsn(0)));
    }
  }

  private static void createTable(PgNode primary) throws SQLException {
    try (Connection c = primary.dataSource().getConnection()) {
      c.createStatement().execute("DROP TABLE IF EXISTS bench_counter");
      c.createStatement().execute("CREATE TABLE bench_counter (id int PRIMARY KEY, v bigint)");
      c.createStatement().execute("INSERT INTO bench_counter VALUES (1, 0)");
    }
  }

  /** Milliseconds from the pg_promote() call to the first write, and to promote() returning. */
  private static double[] failover() {
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode primary = cluster.primary();
      PgNode replica = cluster.replicas().get(0);
      createTable(primary);
      cluster.waitForReplication();
      try (HikariDataSource p = pool(primary, "fo-primary");
          HikariDataSource r = pool(replica, "fo-replica");
          RoutingDataSource router =
              RoutingDataSource.builder()
                  .name("failover")
                  .primary(p)
                  .replica("r1", r)
                  .topology(dev.ballast.jdbc.Topology.AUTO)
                  .build()) {
        write(router);
        primary.stop();
        long t0 = System.nanoTime();
        replica.promote();
        double promoteMillis = (System.nanoTime() - t0) / 1e6;
        long limit = t0 + FAILOVER_LIMIT.toNanos();
        while (System.nanoTime() < limit) {
          try {
            write(router);
            return new double[] {(System.nanoTime() - t0) / 1e6, promoteMillis};
          } catch (SQLException e) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
          }
        }
        return new double[] {Double.NaN, promoteMillis};
      }
    } catch (SQLException e) {
      throw new IllegalStateException("failover scenario failed", e);
    }
  }

  private static void write(RoutingDataSource router) throws SQLException {
    try (Connection c = router.getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE bench_counter SET v = v + 1 WHERE id = 1")) {
      s.executeUpdate();
    }
  }
}
