package dev.ballast.benchmarks.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ZonePreferenceServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Spring Cloud LoadBalancer 4.3: {@code RoundRobinLoadBalancer.choose().block()}, alone and behind
 * its {@code ZonePreferenceServiceInstanceListSupplier} (zone {@code a}), as a Spring application
 * wires them. The instance list comes from a fixed, already materialised {@link Flux} — cheaper
 * than any real discovery-backed or caching supplier, so these figures flatter Spring. Spring has
 * no completion callback for round robin: pick only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpringPickBenchmark {
  private static final String SERVICE = "bench";

  /** The instances of {@link Topology}, zone in the {@code zone} metadata Spring reads. */
  static List<ServiceInstance> instances() {
    List<ServiceInstance> list = new ArrayList<>();
    for (int i = 0; i < Topology.SIZE; i++) {
      list.add(
          new DefaultServiceInstance(
              Topology.id(i),
              SERVICE,
              "127.0.0.1",
              Topology.port(i),
              false,
              Map.of("zone", Topology.zone(i))));
    }
    return List.copyOf(list);
  }

  /** A supplier of one fixed list. */
  static ServiceInstanceListSupplier fixedSupplier() {
    Flux<List<ServiceInstance>> flux = Flux.just(instances());
    return new ServiceInstanceListSupplier() {
      @Override
      public String getServiceId() {
        return SERVICE;
      }

      @Override
      public Flux<List<ServiceInstance>> get() {
        return flux;
      }
    };
  }

  /** Plain round robin. */
  @State(Scope.Benchmark)
  public static class Plain {
    RoundRobinLoadBalancer balancer;

    /** Wires the balancer; the start position is seeded. */
    @Setup(Level.Trial)
    public void setUp() {
      balancer = new RoundRobinLoadBalancer(new FixedObjectProvider<>(fixedSupplier()), SERVICE, 7);
    }
  }

  /** Zone preference (zone {@code a}) in front of round robin. */
  @State(Scope.Benchmark)
  public static class Zoned {
    RoundRobinLoadBalancer balancer;

    /** Wires the supplier chain and the balancer; the start position is seeded. */
    @Setup(Level.Trial)
    public void setUp() {
      ServiceInstanceListSupplier zoned =
          new ZonePreferenceServiceInstanceListSupplier(
              fixedSupplier(), new LoadBalancerZoneConfig(Topology.LOCAL_ZONE));
      balancer = new RoundRobinLoadBalancer(new FixedObjectProvider<>(zoned), SERVICE, 7);
    }
  }

  /** Round robin. */
  @Benchmark
  public Response<ServiceInstance> roundRobin(Plain state) {
    return state.balancer.choose().block();
  }

  /** Zone preference + round robin. */
  @Benchmark
  public Response<ServiceInstance> zonePreferenceRoundRobin(Zoned state) {
    return state.balancer.choose().block();
  }
}
