package dev.ballast.benchmarks.scenario;

import dev.ballast.testkit.PostgresCluster;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDBC read cycle of {@link JdbcOverheadSuite} (getConnection, setReadOnly(true), a prepared
 * SELECT by primary key, close) as a JMH benchmark, so that {@code -prof gc} gives bytes allocated
 * per cycle: Ballast's routed connection, statement and result set against raw HikariCP on the same
 * replica (issue 13 §6: goal ≤ raw + 10 % allocation, ≥ 98 % throughput). Each trial starts its own
 * primary + replica (testkit).
 *
 * <pre>
 * java -jar benchmarks/target/ballast-benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 3s -t 2 -prof gc \
 *     JdbcReadCycleBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcReadCycleBenchmark {
  /** Which data source serves the cycle. */
  @Param({"raw", "ballast"})
  public String contender = "ballast";

  private PostgresCluster cluster;
  private JdbcContenders.Contender target;

  /** Starts the cluster and the contender's pools. */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    cluster = PostgresCluster.builder().replicas(1).start();
    JdbcContenders.createTable(cluster.primary());
    cluster.waitForReplication();
    String name =
        contender.equals("raw") ? JdbcContenders.NAMES.get(0) : JdbcContenders.NAMES.get(1);
    target = JdbcContenders.create(name, cluster.primary(), cluster.replicas().get(0));
  }

  /** Stops the pools and the cluster. */
  @TearDown(Level.Trial)
  public void stop() {
    target.close();
    cluster.close();
  }

  /** One read cycle. */
  @Benchmark
  public void readCycle() throws SQLException {
    target.read();
  }
}
