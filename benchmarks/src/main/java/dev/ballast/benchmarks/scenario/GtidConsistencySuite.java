package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Read-your-writes on a real MariaDB primary + GTID replica (testkit), the PostgreSQL table of
 * {@link ConsistencySuite} with {@code gtid} in place of {@code lsn}: one thread writes a new value
 * through {@link RoutingDataSource} and reads it back at once on a read-only connection, with the
 * replica in sync, behind by a 1 s {@code MASTER_DELAY} (MariaDB's delay is whole seconds), or with
 * its SQL thread stopped; a read that returns an older value is stale.
 */
public final class GtidConsistencySuite {
  private static final Duration APPLY_DELAY = Duration.ofSeconds(1);
  private static final List<ReadYourWrites> MODES =
      List.of(ReadYourWrites.OFF, ReadYourWrites.WINDOW, ReadYourWrites.GTID);

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public GtidConsistencySuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs and writes {@code consistency-gtid.*} into {@code out}. */
  public SectionResult run(Path out) {
    SectionResult section = new SectionResult("jdbc-ryw-gtid");
    int steps = settings.isFull() ? 50 : settings.name().equals("quick") ? 15 : 5;
    Table table =
        new Table(
            "Read-your-writes on MariaDB 11.4: write then read back at once, "
                + steps
                + " times per cell",
            "replica state",
            "read-your-writes",
            "stale reads",
            "reads served by the replica",
            "read p50 ms",
            "read max ms");
    double staleGuarded = 0;
    try (MariaDbCluster cluster = MariaDbCluster.builder().replicas(1).start()) {
      MariaDbNode primary = cluster.primary();
      MariaDbNode replica = cluster.replicas().get(0);
      createTable(primary);
      cluster.waitForReplication();
      for (String state : List.of("in sync", "1 s apply delay", "SQL thread stopped")) {
        if (state.equals("1 s apply delay")) {
          replica.applyDelay(APPLY_DELAY);
        } else if (state.equals("SQL thread stopped")) {
          replica.applyDelay(Duration.ZERO);
          cluster.waitForReplication();
          replica.pauseReplication();
        }
        for (ReadYourWrites mode : MODES) {
          ReadBackSteps cell = measure(primary, replica, mode, steps);
          table.row(
              state,
              mode.name().toLowerCase(Locale.ROOT),
              cell.stale + " / " + steps,
              Table.pct(cell.replicaReads / (double) steps),
              Table.num(cell.latencyMicros.getValueAtPercentile(50) / 1000.0, 2),
              Table.num(cell.latencyMicros.getMaxValue() / 1000.0, 2));
          section.figure(state + "/" + mode + " reads", steps, "reads");
          if (mode != ReadYourWrites.OFF && !state.equals("in sync")) {
            staleGuarded += cell.stale;
          }
        }
      }
      replica.resumeReplication();
    } catch (SQLException e) {
      throw new IllegalStateException("gtid consistency scenario failed", e);
    }
    table.note(
        "RoutingDataSource defaults apart from the mode: window 2 s, gtid max-wait 0 (a"
            + " read-back right after the write goes to the primary unless the replica is known"
            + " to have applied it), one newScope() per step, max-replica-lag 5 s, fallback primary,"
            + " health-check interval 1 s. HikariCP pools of 4 connections per host, MariaDB"
            + " Connector/J. The delay is CHANGE MASTER TO MASTER_DELAY=1; stopped is STOP SLAVE"
            + " SQL_THREAD. A read counts as served by the replica when @@read_only is 1 there.");
    table.write(out, "consistency-gtid");
    section.table(table);
    section.goal(
        new Goal(
            "stale reads after own write with read-your-writes window / gtid, lagging replica",
            "0",
            String.valueOf((long) staleGuarded),
            staleGuarded == 0));
    return section;
  }

  private static ReadBackSteps measure(
      MariaDbNode primary, MariaDbNode replica, ReadYourWrites mode, int steps)
      throws SQLException {
    try (HikariDataSource p = MariaDbContenders.pool(primary, "gtid-primary");
        HikariDataSource r = MariaDbContenders.pool(replica, "gtid-replica");
        RoutingDataSource router =
            RoutingDataSource.builder()
                .name("gtid")
                .primary(p)
                .replica("r1", r)
                .readYourWrites(mode)
                .build()) {
      return ReadBackSteps.run(
          router,
          steps,
          "SELECT v, @@read_only FROM bench_counter WHERE id = 1",
          RoutingDataSource::newScope);
    }
  }

  private static void createTable(MariaDbNode primary) throws SQLException {
    try (Connection c = primary.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_counter");
      s.execute("CREATE TABLE bench_counter (id INT PRIMARY KEY, v BIGINT)");
      s.execute("INSERT INTO bench_counter VALUES (1, 0)");
    }
  }
}
