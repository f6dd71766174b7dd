package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * What {@code read-your-writes=lsn} costs (issue 13 §2), on a real PostgreSQL primary + streaming
 * replica, {@value #THREADS} threads in closed loop, contenders alternated in rounds in one run:
 *
 * <ul>
 *   <li>write-then-read cycle: getConnection, UPDATE one row by primary key (autocommit), close;
 *       then getConnection, setReadOnly(true), SELECT that row, close — through raw HikariCP
 *       (primary pool for the write, replica pool for the read, hand-picked), Ballast with {@code
 *       read-your-writes=off} and Ballast with {@code lsn};
 *   <li>autocommit SELECT on a read-write connection (getConnection, SELECT by primary key, close;
 *       served by the primary): raw primary pool, Ballast {@code off} and {@code lsn}.
 * </ul>
 */
public final class ReadYourWritesCostSuite {
  static final int THREADS = 2;

  static final List<String> NAMES =
      List.of(
          "raw HikariCP (hand-picked pools)",
          "Ballast read-your-writes=off",
          "Ballast read-your-writes=lsn");

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public ReadYourWritesCostSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs and writes {@code jdbc-ryw-cost.*} into {@code out}. */
  public SectionResult run(Path out) {
    Map<String, ClosedLoop.Totals> cycles = new LinkedHashMap<>();
    Map<String, ClosedLoop.Totals> selects = new LinkedHashMap<>();
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode primary = cluster.primary();
      PgNode replica = cluster.replicas().get(0);
      JdbcContenders.createTable(primary);
      cluster.waitForReplication();
      List<Pair> pairs = new ArrayList<>();
      try {
        pairs.add(raw(primary, replica));
        pairs.add(ballast(primary, replica, ReadYourWrites.OFF));
        pairs.add(ballast(primary, replica, ReadYourWrites.LSN));
        for (String name : NAMES) {
          cycles.put(name, new ClosedLoop.Totals());
          selects.put(name, new ClosedLoop.Totals());
        }
        for (Pair p : pairs) {
          ClosedLoop.run(ops(() -> writeThenRead(p)), settings.scenarioWarmup(), null, true);
          ClosedLoop.run(ops(() -> select(p.writes)), settings.scenarioWarmup(), null, true);
        }
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            ClosedLoop.run(ops(() -> writeThenRead(p)), segment, cycles.get(NAMES.get(i)), true);
            ClosedLoop.run(ops(() -> select(p.writes)), segment, selects.get(NAMES.get(i)), true);
          }
        }
      } finally {
        pairs.forEach(p -> p.close.run());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up the benchmark table failed", e);
    }
    return report(cycles, selects, rounds, segment, out);
  }

  private SectionResult report(
      Map<String, ClosedLoop.Totals> cycles,
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
            "autocommit SELECTs/s on a read-write connection",
            "÷ Ballast off",
            "SELECT p99 µs");
    for (String name : NAMES) {
      ClosedLoop.Totals c = Objects.requireNonNull(cycles.get(name));
      ClosedLoop.Totals s = Objects.requireNonNull(selects.get(name));
      table.row(
          name,
          Table.num(c.throughput(), 0),
          Table.ratio(c.throughput() / offCycles.throughput()),
          Table.num(c.percentileMicros(99), 0),
          Table.num(s.throughput(), 0),
          Table.ratio(s.throughput() / offSelects.throughput()),
          Table.num(s.percentileMicros(99), 0));
      section.figure(name + " write-then-read cycles/s", c.throughput(), "1/s");
      section.figure(name + " read-write SELECTs/s", s.throughput(), "1/s");
    }
    table.note(
        "Each contender has its own HikariCP 7.1 pools, "
            + JdbcContenders.POOL_SIZE
            + " connections per host, autocommit on; Ballast: RoutingDataSource defaults"
            + " (least-request, static topology, read-your-writes.max-wait 100 ms, no meters)."
            + " Raw HikariCP reads back on the replica without any guarantee (the figure off"
            + " would give, without routing); lsn reads back on the replica once it has replayed"
            + " the write's position, else on the primary.");
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
    return section;
  }

  private static List<ClosedLoop.Op> ops(ClosedLoop.Op op) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      ops.add(op);
    }
    return ops;
  }

  /** Where a contender writes and where it reads back; {@code close} releases its pools. */
  private record Pair(DataSource writes, DataSource reads, Runnable close) {}

  private static Pair raw(PgNode primary, PgNode replica) {
    HikariDataSource p = JdbcContenders.pool(primary, "ryw-raw-primary");
    HikariDataSource r = JdbcContenders.pool(replica, "ryw-raw-replica");
    return new Pair(
        p,
        r,
        () -> {
          p.close();
          r.close();
        });
  }

  private static Pair ballast(PgNode primary, PgNode replica, ReadYourWrites mode) {
    String name = "ryw-" + mode.name().toLowerCase(java.util.Locale.ROOT);
    HikariDataSource p = JdbcContenders.pool(primary, name + "-primary");
    HikariDataSource r = JdbcContenders.pool(replica, name + "-replica");
    RoutingDataSource router =
        RoutingDataSource.builder()
            .name(name)
            .primary(p)
            .replica("r1", r)
            .readYourWrites(mode)
            .build();
    return new Pair(
        router,
        router,
        () -> {
          router.close();
          p.close();
          r.close();
        });
  }

  private static void writeThenRead(Pair p) throws SQLException {
    int id = 1 + ThreadLocalRandom.current().nextInt(JdbcContenders.ROWS);
    try (Connection c = p.writes.getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE bench_items SET v = v + 1 WHERE id = ?")) {
      s.setInt(1, id);
      if (s.executeUpdate() != 1) {
        throw new SQLException("row missing");
      }
    }
    try (Connection c = p.reads.getConnection()) {
      c.setReadOnly(true);
      selectRow(c, id);
    }
  }

  private static void select(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      selectRow(c, 1 + ThreadLocalRandom.current().nextInt(JdbcContenders.ROWS));
    }
  }

  private static void selectRow(Connection c, int id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT v FROM bench_items WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("row missing");
        }
      }
    }
  }
}
