package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link JdbcOverheadSuite} read and write cycles on a real MariaDB primary + GTID replica
 * (testkit, MariaDB 11.4 through MariaDB Connector/J): raw HikariCP, Ballast and, when its
 * read/write splitting routes on this setup, the AWS Advanced JDBC Wrapper; {@value
 * JdbcOverheadSuite#THREADS} threads in closed loop, contenders alternated in rounds.
 */
public final class MariaDbOverheadSuite {
  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public MariaDbOverheadSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs and writes {@code jdbc-overhead-mariadb.*} into {@code out}. */
  public SectionResult run(Path out) {
    Map<String, String> missing = new LinkedHashMap<>();
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    CycleRounds cycles;
    try (MariaDbCluster cluster = MariaDbCluster.builder().replicas(1).start()) {
      MariaDbNode primary = cluster.primary();
      MariaDbNode replica = cluster.replicas().get(0);
      MariaDbContenders.createTable(primary);
      cluster.waitForReplication();
      Map<String, JdbcContenders.Contender> contenders = new LinkedHashMap<>();
      try {
        for (String name : MariaDbContenders.NAMES) {
          try {
            contenders.put(name, MariaDbContenders.create(name, primary, replica));
          } catch (IllegalStateException e) {
            if (!name.startsWith("AWS")) {
              throw e;
            }
            // a peer that does not route here is reported, not measured
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            missing.put(name, cause.getClass().getSimpleName() + ": " + cause.getMessage());
          }
        }
        cycles =
            CycleRounds.measure(
                contenders,
                name -> !name.startsWith("AWS"),
                JdbcOverheadSuite.THREADS,
                settings.scenarioWarmup(),
                segment,
                rounds);
      } finally {
        contenders.values().forEach(JdbcContenders.Contender::close);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up the benchmark table failed", e);
    }
    return report(cycles, missing, rounds, segment, out);
  }

  private SectionResult report(
      CycleRounds cycles, Map<String, String> missing, int rounds, Duration segment, Path out) {
    SectionResult section = new SectionResult("jdbc-overhead-mariadb");
    ClosedLoop.Totals rawRead = cycles.read(MariaDbContenders.NAMES.get(0));
    ClosedLoop.Totals rawWrite = cycles.write(MariaDbContenders.NAMES.get(0));
    Table table =
        cycles.table(
            "JDBC routing overhead on MariaDB 11.4: primary + 1 GTID replica on this machine, "
                + JdbcOverheadSuite.THREADS
                + " threads, contenders alternated ("
                + rounds
                + " × "
                + segment.toMillis()
                + " ms per cycle kind)",
            false,
            section);
    for (Map.Entry<String, String> m : missing.entrySet()) {
      table.note(m.getKey() + ": not measured, its routing check failed: " + m.getValue());
    }
    table.note(
        "The cycles and pools of the PostgreSQL table (jdbc-overhead): HikariCP 7.1, "
            + JdbcContenders.POOL_SIZE
            + " connections per host, autocommit on, MariaDB Connector/J; Ballast with its"
            + " defaults (the MariaDB dialect chosen from the pool's jdbc:mariadb: URL). AWS"
            + " Advanced JDBC Wrapper 4.3.0: jdbc:aws-wrapper:mariadb: URL with both hosts,"
            + " wrapperDialect=mariadb, plugin readWriteSplitting, singleWriterConnectionString=true,"
            + " internal HikariCP pools; reads checked to reach the replica (@@read_only) before"
            + " measuring. Spring's routing does not depend on the engine and is measured on"
            + " PostgreSQL only.");
    table.write(out, "jdbc-overhead-mariadb");
    section.table(table);
    ClosedLoop.Totals br = cycles.read(MariaDbContenders.NAMES.get(1));
    ClosedLoop.Totals bw = cycles.write(MariaDbContenders.NAMES.get(1));
    double readShare = br.throughput() / rawRead.throughput();
    double writeShare = bw.throughput() / rawWrite.throughput();
    section.goal(
        new Goal(
            "Ballast read cycles vs raw HikariCP, MariaDB",
            "≥ 95 %",
            Table.pct(readShare),
            readShare >= 0.95));
    section.goal(
        new Goal(
            "Ballast write cycles vs raw HikariCP, MariaDB",
            "≥ 95 %",
            Table.pct(writeShare),
            writeShare >= 0.95));
    return section;
  }
}
