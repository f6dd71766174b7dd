package dev.ballast.benchmarks.pick;

import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Picks while the endpoint set and endpoint health change: in each group one thread ({@link
 * #update}) applies a control-plane change every {@link #periodMicros} µs — alternately a new
 * endpoint set (one endpoint removed, then restored) and a health-check round in which a rotating
 * endpoint fails its probes, so it turns unhealthy and later healthy again — while the other thread
 * ({@link #pick}) picks and completes as in {@link BallastPickBenchmark}. Each change rebuilds and
 * republishes the picker. Report the {@code pick} score; the {@code update} score is its period
 * plus the cost of the change.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChurnBenchmark {
  /** Strategy property name. */
  @Param({"peak-ewma"})
  public String strategy = "peak-ewma";

  /** Interval between control-plane changes, in microseconds. */
  @Param({"1000"})
  public int periodMicros = 1000;

  private final ManualScheduler scheduler = new ManualScheduler();
  private DynamicEndpointSource source;
  private LoadBalancer balancer;
  private List<Endpoint> all;
  private long step;
  private volatile int sick = -1;
  private long nextDeadline;

  /** Builds a zone-aware balancer with active health checks driven by {@link #update}. */
  @Setup(Level.Trial)
  public void setUp() {
    all = Topology.ballastEndpoints();
    source = EndpointSource.dynamic();
    source.update(all);
    balancer =
        LoadBalancer.builder("churn")
            .config(
                LbConfig.builder()
                    .strategy(Strategy.fromPropertyName(strategy))
                    .localZone(Topology.LOCAL_ZONE)
                    .build())
            .source(source)
            .scheduler(scheduler)
            .healthProbe(this::probe)
            .build();
    nextDeadline = System.nanoTime();
  }

  private CompletableFuture<Boolean> probe(Endpoint endpoint) {
    int s = sick;
    return CompletableFuture.completedFuture(s < 0 || !endpoint.id().equals(Topology.id(s)));
  }

  /** Closes the balancer. */
  @TearDown(Level.Trial)
  public void tearDown() {
    balancer.close();
  }

  /** One control-plane change, then a wait to keep the rate fixed. */
  @Benchmark
  @Group("churn")
  @GroupThreads(1)
  public void update() {
    long k = step++;
    if ((k & 1) == 0) {
      // Remove one endpoint on even set changes, restore the full set on odd ones.
      if ((k & 2) == 0) {
        List<Endpoint> less = new ArrayList<>(all);
        less.remove((int) ((k >> 2) % Topology.SIZE));
        source.update(less);
      } else {
        source.update(all);
      }
    } else {
      // A new endpoint falls sick every 8 rounds; unhealthy after 2 failed probes, healthy again
      // 2 rounds after it recovers.
      if ((k & 15) == 1) {
        sick = (int) ((k >> 4) % Topology.SIZE);
      }
      scheduler.runPending();
    }
    nextDeadline += TimeUnit.MICROSECONDS.toNanos(periodMicros);
    long wait = nextDeadline - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    } else {
      nextDeadline = System.nanoTime();
    }
  }

  /** Pick and complete, while {@link #update} runs. */
  @Benchmark
  @Group("churn")
  @GroupThreads(1)
  public Pick pick(LatencyCursor cursor) {
    Pick pick = balancer.pick();
    pick.complete(Outcome.SUCCESS, cursor.nextNanos());
    return pick;
  }
}
