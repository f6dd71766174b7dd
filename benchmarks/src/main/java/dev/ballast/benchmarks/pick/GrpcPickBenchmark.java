package dev.ballast.benchmarks.pick;

import io.grpc.LoadBalancer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * gRPC-java 1.85 {@code round_robin}: {@code SubchannelPicker.pickSubchannel} on the picker the
 * real policy publishes once all 12 subchannels are ready (see {@link GrpcRoundRobinHarness}). gRPC
 * pickers are pick-only: per-call feedback goes through the transport, not the picker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GrpcPickBenchmark {
  private LoadBalancer.SubchannelPicker picker;
  private LoadBalancer.PickSubchannelArgs args;

  /** Starts the policy over {@link Topology}'s addresses. */
  @Setup(Level.Trial)
  public void setUp() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < Topology.SIZE; i++) {
      addresses.add(new InetSocketAddress("127.0.0.1", Topology.port(i)));
    }
    picker = new GrpcRoundRobinHarness().start(addresses);
    args = GrpcRoundRobinHarness.pickArgs();
  }

  /** One pick. */
  @Benchmark
  public LoadBalancer.PickResult roundRobin() {
    return picker.pickSubchannel(args);
  }
}
