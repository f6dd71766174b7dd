package dev.ballast.benchmarks.pick;

import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.client.endpoint.EndpointSelectionStrategy;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Armeria 1.40: {@code EndpointGroup.selectNow(ctx)} on {@code
 * EndpointGroup.of(weightedRoundRobin(), …)} over the 12 endpoints of {@link Topology} (equal
 * weights). Armeria's selection is pick-only and not zone-aware. One request context is reused;
 * weighted round robin does not read it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArmeriaPickBenchmark {
  private EndpointGroup group;
  private ClientRequestContext context;

  /** Builds the group. */
  @Setup(Level.Trial)
  public void setUp() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < Topology.SIZE; i++) {
      endpoints.add(Endpoint.of("127.0.0.1", Topology.port(i)));
    }
    group = EndpointGroup.of(EndpointSelectionStrategy.weightedRoundRobin(), endpoints);
    context = ClientRequestContext.of(HttpRequest.of(HttpMethod.GET, "/"));
  }

  /** Closes the group. */
  @TearDown(Level.Trial)
  public void tearDown() {
    group.closeAsync();
  }

  /** One selection. */
  @Benchmark
  public Endpoint weightedRoundRobin() {
    Endpoint endpoint = group.selectNow(context);
    if (endpoint == null) {
      throw new IllegalStateException("Armeria selected no endpoint");
    }
    return endpoint;
  }
}
