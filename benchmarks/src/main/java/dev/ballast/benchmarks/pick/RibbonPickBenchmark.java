package dev.ballast.benchmarks.pick;

import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.BaseLoadBalancer;
import com.netflix.loadbalancer.DummyPing;
import com.netflix.loadbalancer.RoundRobinRule;
import com.netflix.loadbalancer.Server;
import com.netflix.loadbalancer.ServerList;
import com.netflix.loadbalancer.ServerListUpdater;
import com.netflix.loadbalancer.ZoneAvoidanceRule;
import com.netflix.loadbalancer.ZoneAwareLoadBalancer;
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
 * Ribbon 2.7.18 with its default (Archaius) configuration: {@code BaseLoadBalancer} with {@code
 * RoundRobinRule}, and {@code ZoneAwareLoadBalancer} with {@code ZoneAvoidanceRule} over servers in
 * three zones, both through {@code chooseServer}, the call a Ribbon client makes. The server list
 * never refreshes (a no-op updater) and pings are dummies, so no background work competes. Ribbon
 * picks only; its statistics are fed by the client, not by the balancer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RibbonPickBenchmark {

  static List<Server> servers() {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < Topology.SIZE; i++) {
      Server s = new Server("127.0.0.1", Topology.port(i));
      s.setZone(Topology.zone(i));
      s.setAlive(true);
      s.setReadyToServe(true);
      list.add(s);
    }
    return list;
  }

  /** Round robin. */
  @State(Scope.Benchmark)
  public static class Plain {
    BaseLoadBalancer balancer;

    /** Builds the balancer. */
    @Setup(Level.Trial)
    public void setUp() {
      balancer = new BaseLoadBalancer(new DummyPing(), new RoundRobinRule());
      balancer.addServers(servers());
    }

    /** Stops Ribbon's timers. */
    @TearDown(Level.Trial)
    public void tearDown() {
      balancer.shutdown();
    }
  }

  /** Zone-aware balancer with zone avoidance. */
  @State(Scope.Benchmark)
  public static class Zoned {
    ZoneAwareLoadBalancer<Server> balancer;

    /** Builds the balancer over a static server list. */
    @Setup(Level.Trial)
    public void setUp() {
      IClientConfig config = DefaultClientConfigImpl.getClientConfigWithDefaultValues("bench");
      List<Server> servers = servers();
      ServerList<Server> list =
          new ServerList<>() {
            @Override
            public List<Server> getInitialListOfServers() {
              return servers;
            }

            @Override
            public List<Server> getUpdatedListOfServers() {
              return servers;
            }
          };
      ZoneAvoidanceRule rule = new ZoneAvoidanceRule();
      rule.initWithNiwsConfig(config);
      balancer =
          new ZoneAwareLoadBalancer<>(
              config, rule, new DummyPing(), list, null, new FrozenServerListUpdater());
    }

    /** Stops Ribbon's timers. */
    @TearDown(Level.Trial)
    public void tearDown() {
      balancer.shutdown();
    }
  }

  /** {@code RoundRobinRule}. */
  @Benchmark
  public Server roundRobin(Plain state) {
    return state.balancer.chooseServer(null);
  }

  /** {@code ZoneAwareLoadBalancer} + {@code ZoneAvoidanceRule}. */
  @Benchmark
  public Server zoneAwareZoneAvoidance(Zoned state) {
    return state.balancer.chooseServer(null);
  }

  /** A server-list updater that never updates: the list is fixed for the benchmark. */
  static final class FrozenServerListUpdater implements ServerListUpdater {
    @Override
    public void start(UpdateAction updateAction) {}

    @Override
    public void stop() {}

    @Override
    public String getLastUpdate() {
      return "";
    }

    @Override
    public long getDurationSinceLastUpdateMs() {
      return 0;
    }

    @Override
    public int getNumberMissedCycles() {
      return 0;
    }

    @Override
    public int getCoreThreads() {
      return 0;
    }
  }
}
