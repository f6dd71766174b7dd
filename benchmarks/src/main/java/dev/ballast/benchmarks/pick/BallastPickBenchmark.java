package dev.ballast.benchmarks.pick;

import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Strategy;
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
 * Ballast: one {@link LoadBalancer#pick()} plus its {@link Pick#complete} with {@link
 * Outcome#SUCCESS} and a precomputed latency, per operation, on one balancer shared by all threads.
 * The completion matters: it is what feeds least-request and peak-EWMA, so a pick-only figure would
 * flatter them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BallastPickBenchmark {
  /** Strategy property name. */
  @Param({"round-robin", "least-request", "peak-ewma"})
  public String strategy = "peak-ewma";

  /** {@code plain}: no local zone; {@code zone-aware}: local zone {@code a}. */
  @Param({"plain", "zone-aware"})
  public String zones = "zone-aware";

  /**
   * {@code thread-local}: the production default; {@code seeded}: {@link RandomSource#seeded}, a
   * reproducible sequence behind a lock.
   */
  @Param({"thread-local"})
  public String random = "thread-local";

  private LoadBalancer balancer;

  /** Builds the balancer over {@link Topology}. */
  @Setup(Level.Trial)
  public void setUp() {
    LbConfig.Builder config = LbConfig.builder().strategy(Strategy.fromPropertyName(strategy));
    if (zones.equals("zone-aware")) {
      config.localZone(Topology.LOCAL_ZONE);
    }
    balancer =
        LoadBalancer.builder("bench")
            .config(config.build())
            .endpoints(Topology.ballastEndpoints())
            .random(random.equals("seeded") ? RandomSource.seeded(1) : RandomSource.threadLocal())
            .build();
  }

  /** Closes the balancer. */
  @TearDown(Level.Trial)
  public void tearDown() {
    balancer.close();
  }

  /** Pick, then complete with success. */
  @Benchmark
  public Pick pickAndComplete(LatencyCursor cursor) {
    Pick pick = balancer.pick();
    pick.complete(Outcome.SUCCESS, cursor.nextNanos());
    return pick;
  }
}
