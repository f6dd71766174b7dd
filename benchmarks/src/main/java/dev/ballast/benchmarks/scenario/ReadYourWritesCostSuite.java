package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.jdbc.ConsistencyScope;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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

  /** The values written: ever higher, so that a read-back older than its write shows. */
  private final AtomicLong nextValue = new AtomicLong();

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
      List<Pair> pairs = new ArrayList<>();
      try {
        pairs.add(raw(primary, replica));
        pairs.add(ballast(primary, replica, ReadYourWrites.OFF, Duration.ZERO));
        pairs.add(ballast(primary, replica, ReadYourWrites.LSN, Duration.ZERO));
        pairs.add(ballast(primary, replica, ReadYourWrites.LSN, WAITING));
        for (String name : NAMES) {
          cycles.put(name, new ClosedLoop.Totals());
          readBacks.put(name, new ReadBacks());
          selects.put(name, new ClosedLoop.Totals());
        }
        for (Pair p : pairs) {
          ReadBacks ignored = new ReadBacks();
          ClosedLoop.run(
              cycleOps(p, ignored, replica.port()), settings.scenarioWarmup(), null, true);
          ClosedLoop.run(ops(() -> select(p.writes)), settings.scenarioWarmup(), null, true);
        }
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String name = NAMES.get(i);
            ClosedLoop.run(
                cycleOps(p, Objects.requireNonNull(readBacks.get(name)), replica.port()),
                segment,
                cycles.get(name),
                true);
            ClosedLoop.run(ops(() -> select(p.writes)), segment, selects.get(name), true);
          }
        }
      } finally {
        pairs.forEach(p -> p.close.run());
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

  private static List<ClosedLoop.Op> ops(ClosedLoop.Op op) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      ops.add(op);
    }
    return ops;
  }

  /** What the read-backs of one contender's measured cycles saw. */
  private static final class ReadBacks {
    final LongAdder total = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder onReplica = new LongAdder();
  }

  /**
   * Where a contender writes and where it reads back; {@code router} opens a request scope per
   * cycle (null for raw HikariCP); {@code close} releases its pools.
   */
  private record Pair(
      DataSource writes, DataSource reads, @Nullable RoutingDataSource router, Runnable close) {}

  /** One write-then-read op per thread; thread {@code t} writes only the rows {@code id ≡ t}. */
  private List<ClosedLoop.Op> cycleOps(Pair p, ReadBacks into, int replicaPort) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      ops.add(() -> cycle(p, thread, into, replicaPort));
    }
    return ops;
  }

  private void cycle(Pair p, int thread, ReadBacks into, int replicaPort) throws SQLException {
    RoutingDataSource router = p.router;
    if (router == null) {
      writeThenRead(p, thread, into, replicaPort);
      return;
    }
    try (ConsistencyScope request = router.newScope()) {
      writeThenRead(p, thread, into, replicaPort);
    }
  }

  private static Pair raw(PgNode primary, PgNode replica) {
    HikariDataSource p = JdbcContenders.pool(primary, "ryw-raw-primary");
    HikariDataSource r = JdbcContenders.pool(replica, "ryw-raw-replica");
    return new Pair(
        p,
        r,
        null,
        () -> {
          p.close();
          r.close();
        });
  }

  private static Pair ballast(
      PgNode primary, PgNode replica, ReadYourWrites mode, Duration maxWait) {
    String name =
        "ryw-" + mode.name().toLowerCase(java.util.Locale.ROOT) + (maxWait.isZero() ? "" : "-wait");
    HikariDataSource p = JdbcContenders.pool(primary, name + "-primary");
    HikariDataSource r = JdbcContenders.pool(replica, name + "-replica");
    RoutingDataSource router =
        RoutingDataSource.builder()
            .name(name)
            .primary(p)
            .replica("r1", r)
            .readYourWrites(mode)
            .readYourWritesMaxWait(maxWait)
            .build();
    return new Pair(
        router,
        router,
        router,
        () -> {
          router.close();
          p.close();
          r.close();
        });
  }

  private void writeThenRead(Pair p, int thread, ReadBacks into, int replicaPort)
      throws SQLException {
    int id =
        1 + thread + THREADS * ThreadLocalRandom.current().nextInt(JdbcContenders.ROWS / THREADS);
    long value = nextValue.incrementAndGet();
    try (Connection c = p.writes.getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE bench_items SET v = ? WHERE id = ?")) {
      s.setLong(1, value);
      s.setInt(2, id);
      if (s.executeUpdate() != 1) {
        throw new SQLException("row missing");
      }
    }
    try (Connection c = p.reads.getConnection()) {
      c.setReadOnly(true);
      try (PreparedStatement s =
          c.prepareStatement("SELECT v, inet_server_port() FROM bench_items WHERE id = ?")) {
        s.setInt(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new SQLException("row missing");
          }
          into.total.increment();
          if (r.getLong(1) < value) {
            into.stale.increment();
          }
          if (r.getInt(2) == replicaPort) {
            into.onReplica.increment();
          }
        }
      }
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
