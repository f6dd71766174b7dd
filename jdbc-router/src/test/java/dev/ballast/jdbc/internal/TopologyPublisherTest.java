package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.Strategy;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the load balancer hears of each round: the eligible replicas, and only when they changed.
 * Snapshots come from the real {@link RoundEvaluator} over probe outcomes, with a fixed clock.
 */
class TopologyPublisherTest {
  private static final ProbeResult PRIMARY = new ProbeResult(false, true, 1000, Lsns.NONE, 0, 1);
  private static final ProbeResult CAUGHT_UP = new ProbeResult(true, true, 1000, 1000, 0, 0);
  private static final ProbeFailure REFUSED = new ProbeFailure("unreachable: refused", true);

  private final Host primary = host("primary", true);
  private final Host r1 = host("r1", false);
  private final Host r2 = host("r2", false);
  private final RouterConfig config =
      new RouterConfig(
          "db",
          "",
          Strategy.LEAST_REQUEST,
          Duration.ofSeconds(5),
          Fallback.PRIMARY,
          ReadYourWrites.OFF,
          Duration.ofSeconds(2),
          Duration.ZERO,
          Topology.STATIC,
          Duration.ofSeconds(1),
          Duration.ofSeconds(1));
  private final RoundEvaluator evaluator =
      new RoundEvaluator(config, List.of(primary, r1, r2), () -> 1_000_000_000L);
  private final DynamicEndpointSource source = EndpointSource.dynamic();
  private final TopologyPublisher publisher = new TopologyPublisher(config, source);
  private TopologySnapshot snapshot =
      new TopologySnapshot(
          List.of(HostState.initial(primary), HostState.initial(r1), HostState.initial(r2)),
          primary,
          Lsns.NONE);

  private void round(Object one, Object two) {
    TopologySnapshot next =
        evaluator.evaluate(snapshot, Map.of("primary", PRIMARY, "r1", one, "r2", two));
    publisher.publish(snapshot, next);
    snapshot = next;
  }

  private List<String> published() {
    return source.current().endpoints().stream().map(Endpoint::id).toList();
  }

  @Test
  void theBalancerHearsOfTheEligibleReplicasOnlyWhenTheyChange() {
    round(CAUGHT_UP, CAUGHT_UP);
    assertThat(published()).containsExactly("r1", "r2");
    long version = source.current().version();

    round(CAUGHT_UP, CAUGHT_UP);
    assertThat(source.current().version())
        .as("an unchanged set is not published")
        .isEqualTo(version);

    round(CAUGHT_UP, REFUSED);
    assertThat(published()).containsExactly("r1");
    assertThat(source.current().version()).isEqualTo(version + 1);

    round(REFUSED, REFUSED);
    assertThat(published()).as("no replica eligible is news too").isEmpty();
    assertThat(source.current().version()).isEqualTo(version + 2);
  }

  private static Host host(String name, boolean primary) {
    DataSource ds =
        (DataSource)
            Proxy.newProxyInstance(
                TopologyPublisherTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                  throw new UnsupportedOperationException("no connections in this test");
                });
    return new Host(name, primary, "", ds, false, "loc-" + name, new PooledProbeConnector(ds));
  }
}
