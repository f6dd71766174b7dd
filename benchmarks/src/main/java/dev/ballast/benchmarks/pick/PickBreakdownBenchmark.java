package dev.ballast.benchmarks.pick;

import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Strategy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where the time of Ballast's zone-aware peak-EWMA pick + complete goes: the same operation with
 * parts taken away (no completion feedback, a frozen clock), next to the primitives it is built
 * from (a clock read, an atomic add, the random draw). Diagnostic: it explains {@link
 * BallastPickBenchmark}, it is not a comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickBreakdownBenchmark {
  private LoadBalancer systemClock;
  private LoadBalancer frozenClock;
  private final AtomicLong counter = new AtomicLong();

  /**
   * Two zone-aware peak-EWMA balancers: one on the system clock, one on a clock that never moves.
   */
  @Setup(Level.Trial)
  public void setUp() {
    LbConfig config =
        LbConfig.builder().strategy(Strategy.PEAK_EWMA).localZone(Topology.LOCAL_ZONE).build();
    systemClock =
        LoadBalancer.builder("breakdown")
            .config(config)
            .endpoints(Topology.ballastEndpoints())
            .random(RandomSource.threadLocal())
            .build();
    long frozen = System.nanoTime();
    frozenClock =
        LoadBalancer.builder("breakdown-frozen")
            .config(config)
            .endpoints(Topology.ballastEndpoints())
            .random(RandomSource.threadLocal())
            .ticker(() -> frozen)
            .build();
  }

  /** Closes both balancers. */
  @TearDown(Level.Trial)
  public void tearDown() {
    systemClock.close();
    frozenClock.close();
  }

  /** The full operation, as in {@link BallastPickBenchmark}. */
  @Benchmark
  public Pick pickAndComplete(LatencyCursor cursor) {
    Pick pick = systemClock.pick();
    pick.complete(Outcome.SUCCESS, cursor.nextNanos());
    return pick;
  }

  /** The full operation with a clock that never moves: the clock read and EWMA decay drop out. */
  @Benchmark
  public Pick pickAndCompleteFrozenClock(LatencyCursor cursor) {
    Pick pick = frozenClock.pick();
    pick.complete(Outcome.SUCCESS, cursor.nextNanos());
    return pick;
  }

  /**
   * Pick, then release without a sample ({@code CANCELLED}): the pick and in-flight bookkeeping.
   */
  @Benchmark
  public Pick pickAndCancel() {
    Pick pick = systemClock.pick();
    pick.complete(Outcome.CANCELLED, 0);
    return pick;
  }

  /** One read of {@link System#nanoTime()}, which every completion does through the ticker. */
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  /** One uncontended atomic add; a pick + complete does two on the endpoint's in-flight count. */
  @Benchmark
  public long atomicAdd() {
    return counter.getAndAdd(1);
  }

  /**
   * The one random draw of a power-of-two-choices pick: a thread-local 64-bit value, split into the
   * two candidates (no zone draw while the local zone takes all the traffic).
   */
  @Benchmark
  public long oneRandomDraw() {
    return ThreadLocalRandom.current().nextLong();
  }
}
