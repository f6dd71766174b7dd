package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.Topology;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link TopologyMonitor} round changes outside the monitor: the load balancer's replicas
 * and the log. The balancer hears of the eligible replicas only when that set changed, so a round
 * that changes nothing costs it nothing; the log gets a line for a change of primary and for each
 * host whose reachability or eligibility changed. The monitor's thread only.
 */
final class TopologyPublisher {
  // The monitor's category: these lines were always the monitor's, and log settings name it.
  private static final Logger log = LoggerFactory.getLogger(TopologyMonitor.class);

  private final RouterConfig config;
  private final DynamicEndpointSource replicaSource;
  private List<String> publishedIds = List.of();

  /** Publishes the eligible replicas of {@code config}'s router to {@code replicaSource}. */
  TopologyPublisher(RouterConfig config, DynamicEndpointSource replicaSource) {
    this.config = config;
    this.replicaSource = replicaSource;
  }

  /** Hands {@code after}'s eligible replicas to the balancer if they changed, and logs changes. */
  void publish(TopologySnapshot before, TopologySnapshot after) {
    List<Endpoint> eligible = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (HostState s : after.states()) {
      if (s.eligible()) {
        eligible.add(s.host().endpoint());
        ids.add(s.host().name());
      }
    }
    if (!ids.equals(publishedIds)) {
      publishedIds = List.copyOf(ids);
      replicaSource.update(eligible);
    }
    logChanges(before, after);
  }

  private void logChanges(TopologySnapshot before, TopologySnapshot after) {
    if (before.primary() != after.primary()) {
      Host p = after.primary();
      if (p == null) {
        log.warn(
            "'{}' has no reachable primary: writes fail until one is found: {}",
            config.name(),
            after.describe(after.states()));
      } else {
        log.info("'{}' primary is now {}", config.name(), p);
      }
    }
    for (HostState s : after.states()) {
      HostState b = before.state(s.host());
      if (config.topology() == Topology.STATIC
          && s.host() == after.primary()
          && s.reachable()
          && s.role() == Role.REPLICA
          && (b.role() != Role.REPLICA || !b.reachable())) {
        log.warn(
            "'{}': the configured primary {} is in recovery (read-only): writes will fail;"
                + " with topology=auto the router would follow the promoted host",
            config.name(),
            s.host());
      }
      if (b.eligible() != s.eligible() || b.reachable() != s.reachable()) {
        log.info("'{}' {}", config.name(), s.describe());
      }
    }
  }
}
