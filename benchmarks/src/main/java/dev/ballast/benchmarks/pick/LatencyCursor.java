package dev.ballast.benchmarks.pick;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread walk over {@link Topology#latenciesNanos}: the latency each completion reports, read
 * from an array so the measured operation calls no clock. Each thread starts at its own offset.
 */
@State(Scope.Thread)
public class LatencyCursor {
  private long[] latencies;
  private int next;

  /** Loads the seeded samples. */
  @Setup
  public void setUp() {
    latencies = Topology.latenciesNanos(42);
    next = (int) (Thread.currentThread().getId() * 131) & (Topology.LATENCY_SAMPLES - 1);
  }

  /** The next latency in nanoseconds. */
  public long nextNanos() {
    int i = next;
    next = (i + 1) & (Topology.LATENCY_SAMPLES - 1);
    return latencies[i];
  }
}
