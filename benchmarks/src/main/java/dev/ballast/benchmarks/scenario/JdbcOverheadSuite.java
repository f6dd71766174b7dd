package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDBC routing overhead on a real PostgreSQL primary + streaming replica (testkit): a read cycle
 * (getConnection, setReadOnly(true), SELECT by primary key, close — served by the replica) and a
 * write cycle (getConnection, UPDATE by primary key, close — the primary), {@value #THREADS}
 * threads in closed loop, through each {@link JdbcContenders contender}, alternated in rounds.
 */
public final class JdbcOverheadSuite {
  static final int THREADS = 2;

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public JdbcOverheadSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs and writes {@code jdbc-overhead.*} into {@code out}. */
  public SectionResult run(Path out) {
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    CycleRounds cycles;
    try (PostgresCluster cluster = PostgresCluster.builder().replicas(1).start()) {
      PgNode primary = cluster.primary();
      PgNode replica = cluster.replicas().get(0);
      JdbcContenders.createTable(primary);
      cluster.waitForReplication();
      Map<String, JdbcContenders.Contender> contenders = new LinkedHashMap<>();
      try {
        for (String name : JdbcContenders.NAMES) {
          contenders.put(name, JdbcContenders.create(name, primary, replica));
        }
        // Ballast and the raw baseline must not fail; a peer's failures are counted and shown.
        cycles =
            CycleRounds.measure(
                contenders,
                name -> !name.startsWith("AWS") && !name.startsWith("Spring"),
                THREADS,
                settings.scenarioWarmup(),
                segment,
                rounds);
      } finally {
        contenders.values().forEach(JdbcContenders.Contender::close);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up the benchmark table failed", e);
    }
    return report(cycles, rounds, segment, out);
  }

  private SectionResult report(CycleRounds cycles, int rounds, Duration segment, Path out) {
    SectionResult section = new SectionResult("jdbc-overhead");
    ClosedLoop.Totals rawRead = cycles.read(JdbcContenders.NAMES.get(0));
    ClosedLoop.Totals rawWrite = cycles.write(JdbcContenders.NAMES.get(0));
    Table table =
        cycles.table(
            "JDBC routing overhead: PostgreSQL primary + 1 streaming replica on this machine, "
                + THREADS
                + " threads, contenders alternated ("
                + rounds
                + " × "
                + segment.toMillis()
                + " ms per cycle kind)",
            true,
            section);
    table.note(
        "Every contender has its own HikariCP 7.1 pools, "
            + JdbcContenders.POOL_SIZE
            + " connections per host, autocommit on. Raw: the read pool of the replica and the"
            + " write pool of the primary chosen by hand (perfect knowledge, no routing). Ballast:"
            + " RoutingDataSource over the same two kinds of pools, defaults (least-request,"
            + " read-your-writes off, static topology, no meters). Spring 6.2: LazyConnection"
            + "DataSourceProxy over an AbstractRoutingDataSource keyed by a thread-local read-only"
            + " flag, as a @Transactional(readOnly = true) aspect would set it. AWS Advanced JDBC"
            + " Wrapper 4.3.0: plugin readWriteSplitting, dialect pg, both hosts in the URL with"
            + " singleWriterConnectionString=true (first = writer, the other a reader: the"
            + " documented setup off RDS/Aurora), internal HikariCP pools for every host"
            + " (HikariPooledConnectionProvider accepting non-RDS hosts, the wrapper's default pool"
            + " expiry), no external pool, reader strategy random; its read cycle takes a writer"
            + " connection on getConnection and a reader one on setReadOnly(true), both from the"
            + " internal pools; reads checked to reach the replica before measuring. B/cycle: bytes"
            + " allocated by the two calling threads per read cycle (HotSpot's per-thread"
            + " counters; pool housekeeping and the server are not counted).");
    table.write(out, "jdbc-overhead");
    section.table(table);
    List<String> names = new ArrayList<>();
    List<Double> r = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    for (String name : cycles.names()) {
      names.add(name.length() > 40 ? name.substring(0, 40) + "…" : name);
      r.add(cycles.read(name).throughput());
      w.add(cycles.write(name).throughput());
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("read cycles/s", r);
    series.put("write cycles/s", w);
    section.chart(
        Charts.bars(
            out.resolve("jdbc-throughput.png"),
            "JDBC read and write cycles per second (higher is better)",
            "cycles/s",
            names,
            series,
            false));
    ClosedLoop.Totals br = cycles.read(JdbcContenders.NAMES.get(1));
    ClosedLoop.Totals bw = cycles.write(JdbcContenders.NAMES.get(1));
    double readShare = br.throughput() / rawRead.throughput();
    double writeShare = bw.throughput() / rawWrite.throughput();
    section.goal(
        new Goal(
            "Ballast read cycles vs raw HikariCP",
            "≥ 95 %",
            Table.pct(readShare),
            readShare >= 0.95));
    double readBytes = br.bytesPerCall() / rawRead.bytesPerCall();
    section.goal(
        new Goal(
            "Ballast read cycles vs raw HikariCP (issue 13 §6)",
            "≥ 98 %",
            Table.pct(readShare),
            readShare >= 0.98));
    section.goal(
        new Goal(
            "Ballast read cycle allocation vs raw HikariCP (issue 13 §6)",
            "≤ raw + 10 %",
            Table.num(br.bytesPerCall(), 0)
                + " vs "
                + Table.num(rawRead.bytesPerCall(), 0)
                + " B ("
                + Table.ratio(readBytes)
                + ")",
            readBytes <= 1.10));
    section.goal(
        new Goal(
            "Ballast write cycles vs raw HikariCP",
            "≥ 95 %",
            Table.pct(writeShare),
            writeShare >= 0.95));
    boolean ahead = true;
    StringBuilder measured = new StringBuilder();
    for (int i = 2; i < JdbcContenders.NAMES.size(); i++) {
      ClosedLoop.Totals pr = cycles.read(JdbcContenders.NAMES.get(i));
      ClosedLoop.Totals pw = cycles.write(JdbcContenders.NAMES.get(i));
      ahead &= br.throughput() > pr.throughput() && bw.throughput() > pw.throughput();
      measured
          .append(i == 2 ? "Spring" : "AWS")
          .append(": reads ")
          .append(Table.ratio(br.throughput() / pr.throughput()))
          .append(", writes ")
          .append(Table.ratio(bw.throughput() / pw.throughput()))
          .append("; ");
    }
    section.goal(
        new Goal(
            "Ballast ahead of both peers (reads and writes)", "> 1×", measured.toString(), ahead));
    return section;
  }
}
