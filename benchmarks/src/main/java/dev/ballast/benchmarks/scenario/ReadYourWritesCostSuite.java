package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.benchmarks.scenario.ReadYourWritesCycles.ReadBacks;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code read-your-writes=lsn} costs (issue 13 §2), on a real PostgreSQL primary + streaming
 * replica, {@value #THREADS} threads in closed loop, contenders alternated in rounds in one run:
 *
 * <ul>
 *   <li>write-then-read cycle, one request scope per cycle for Ballast ({@link
 *       RoutingDataSource#newScope()}: outside one, the token ends with the writing connection and
 *       the read-back would not be protected at all): getConnection, UPDATE one row of the thread's
 *       own to a new, ever higher value (autocommit), close; then getConnection, setReadOnly(true),
 *       SELECT that row, close. The read-back counts as stale when it sees an older value. Through
 *       raw HikariCP (primary pool for the write, replica pool for the read, hand-picked), Ballast
 *       with {@code read-your-writes=off}, with {@code lsn} (defaults: {@code max-wait=0}) and with
 *       {@code lsn, max-wait=100ms} (reads wait for the replica's replay);
 *   <li>autocommit SELECT on a read-write connection (getConnection, SELECT by primary key, close;
 *       served by the primary): the same contenders.
 * </ul>
 */
public final class ReadYourWritesCostSuite {
  static final int THREADS = 2;

  static final Duration WAITING = Duration.ofMillis(100);

  static final List<String> NAMES =
      List.of(
          "raw HikariCP (hand-picked pools)",
          "Ballast read-your-writes=off",
          "Ballast read-your-writes=lsn",
          "Ballast read-your-writes=lsn, max-wait=100ms");

  private final ReadYourWritesCycles workload = new ReadYourWritesCycles();

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public ReadYourWritesCostSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs and writes {@code jdbc-ryw-cost.*} into {@code out}. */
  public SectionResult run(Path out) {
    Map<String, ClosedLoop.Totals> cycles = new LinkedHashMap<>();
    Map<String, ReadBacks> readBacks = new LinkedHashMap<>();
    Map<String, ClosedLoop.Totals> selects = new LinkedHashMap<>();
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode primary = cluster.primary();
      PgNode replica = cluster.replicas().get(0);
      JdbcContenders.createTable(primary);
      cluster.waitForReplication();
      List<ReadYourWritesContender> pairs = new ArrayList<>();
      try {
        pairs.add(ReadYourWritesContender.raw(primary, replica));
        pairs.add(
            ReadYourWritesContender.ballast(primary, replica, ReadYourWrites.OFF, Duration.ZERO));
        pairs.add(
            ReadYourWritesContender.ballast(primary, replica, ReadYourWrites.LSN, Duration.ZERO));
        pairs.add(ReadYourWritesContender.ballast(primary, replica, ReadYourWrites.LSN, WAITING));
        for (String name : NAMES) {
          cycles.put(name, new ClosedLoop.Totals());
          readBacks.put(name, new ReadBacks());
          selects.put(name, new ClosedLoop.Totals());
        }
        for (ReadYourWritesContender p : pairs) {
          ReadBacks ignored = new ReadBacks();
          ClosedLoop.run(
              workload.cycleOps(p, ignored, replica.port()), settings.scenarioWarmup(), null, true);
          ClosedLoop.run(
              ReadYourWritesCycles.ops(() -> ReadYourWritesCycles.select(p.writes())),
              settings.scenarioWarmup(),
              null,
              true);
        }
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < pairs.size(); i++) {
            ReadYourWritesContender p = pairs.get(i);
            String name = NAMES.get(i);
            ClosedLoop.run(
                workload.cycleOps(p, Objects.requireNonNull(readBacks.get(name)), replica.port()),
                segment,
                cycles.get(name),
                true);
            ClosedLoop.run(
                ReadYourWritesCycles.ops(() -> ReadYourWritesCycles.select(p.writes())),
                segment,
                selects.get(name),
                true);
          }
        }
      } finally {
        pairs.forEach(p -> p.close().run());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up the benchmark table failed", e);
    }
    return report(cycles, readBacks, selects, rounds, segment, out);
  }

  private SectionResult report(
      Map<String, ClosedLoop.Totals> cycles,
      Map<String, ReadBacks> readBacks,
      Map<String, ClosedLoop.Totals> selects,
      int rounds,
      Duration segment,
      Path out) {
    SectionResult section = new SectionResult("jdbc-ryw-cost");
    ClosedLoop.Totals offCycles = Objects.requireNonNull(cycles.get(NAMES.get(1)));
    ClosedLoop.Totals offSelects = Objects.requireNonNull(selects.get(NAMES.get(1)));
    Table table =
        new Table(
            "read-your-writes=lsn vs off vs raw HikariCP: PostgreSQL primary + 1 streaming replica,"
                + " "
                + THREADS
                + " threads, contenders alternated ("
                + rounds
                + " × "
                + segment.toMillis()
                + " ms per kind)",
            "contender",
            "write-then-read cycles/s",
            "÷ Ballast off",
            "cycle p99 µs",
            "stale read-backs",
            "read-backs on the replica",
            "autocommit SELECTs/s on a read-write connection",
            "÷ Ballast off",
            "SELECT p99 µs");
    long staleWithLsn = 0;
    for (String name : NAMES) {
      ClosedLoop.Totals c = Objects.requireNonNull(cycles.get(name));
      ReadBacks b = Objects.requireNonNull(readBacks.get(name));
      ClosedLoop.Totals s = Objects.requireNonNull(selects.get(name));
      if (name.contains("lsn")) {
        staleWithLsn += b.stale.sum();
      }
      table.row(
          name,
          Table.num(c.throughput(), 0),
          Table.ratio(c.throughput() / offCycles.throughput()),
          Table.num(c.percentileMicros(99), 0),
          b.stale.sum() + " of " + b.total.sum(),
          Table.pct(b.total.sum() == 0 ? Double.NaN : b.onReplica.sum() / (double) b.total.sum()),
          Table.num(s.throughput(), 0),
          Table.ratio(s.throughput() / offSelects.throughput()),
          Table.num(s.percentileMicros(99), 0));
      section.figure(name + " write-then-read cycles/s", c.throughput(), "1/s");
      section.figure(name + " read-write SELECTs/s", s.throughput(), "1/s");
      section.count(name + " stale read-backs", b.stale.sum());
    }
    table.note(
        "Each contender has its own HikariCP 7.1 pools, "
            + JdbcContenders.POOL_SIZE
            + " connections per host, autocommit on; Ballast: RoutingDataSource defaults"
            + " (least-request, static topology, read-your-writes.max-wait 0, no meters) unless"
            + " the row says otherwise, one newScope() per write-then-read cycle. Raw HikariCP"
            + " reads back on the replica without any guarantee (the figure off would give,"
            + " without routing). lsn with max-wait 0 reads back on a replica known to have"
            + " replayed the write, else at once on the primary (an immediate read-back: the"
            + " primary); with max-wait 100ms it waits for the replica's replay. A read-back is"
            + " stale when it sees an older value than the cycle wrote.");
    table.write(out, "jdbc-ryw-cost");
    section.table(table);
    ClosedLoop.Totals lsnCycles = Objects.requireNonNull(cycles.get(NAMES.get(2)));
    double share = lsnCycles.throughput() / offCycles.throughput();
    section.goal(
        new Goal(
            "write-then-read cycles, read-your-writes=lsn vs off (issue 13 §2)",
            "≥ 90 %",
            Table.pct(share),
            share >= 0.90));
    section.goal(
        new Goal(
            "stale read-backs with read-your-writes=lsn",
            "0",
            String.valueOf(staleWithLsn),
            staleWithLsn == 0));
    return section;
  }
}
