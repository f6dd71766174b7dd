package dev.ballast.spring.boot;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.LoadBalancer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code ballast} health contributor: per HTTP service, its healthy, unhealthy and ejected
 * endpoints and whether its balancer is in panic mode; per database, whether the primary is
 * reachable, the replicas eligible for reads and the worst replica lag. DOWN when a service has no
 * healthy endpoint or a database has no reachable primary; replicas that lag only reduce the
 * details (reads then fall back as configured).
 *
 * <p>It belongs in the <em>readiness</em> group and never in liveness: it reports the state of
 * dependencies, and a dependency's outage must take the instance out of the load balancer, not
 * restart it (a restart cannot fix a down database, and restarting every instance at once turns an
 * outage of one dependency into an outage of the service). The starter adds it to the readiness
 * group by default ({@code management.endpoint.health.group.readiness.include}).
 */
public final class BallastHealthIndicator implements HealthIndicator {
  private final @Nullable BallastHttpClient client;
  private final List<RoutingDataSource> databases;

  /**
   * Health of {@code client}'s services (if any) and of {@code databases}.
   *
   * @param client the HTTP client whose services are reported, or null when there is none
   * @param databases the routing data sources to report
   */
  public BallastHealthIndicator(
      @Nullable BallastHttpClient client, List<RoutingDataSource> databases) {
    this.client = client;
    this.databases = List.copyOf(databases);
  }

  @Override
  public Health health() {
    boolean up = true;
    Map<String, Object> services = new LinkedHashMap<>();
    if (client != null) {
      for (String name : client.services()) {
        LoadBalancer lb = client.loadBalancer(name);
        Map<String, Object> counts = new LinkedHashMap<>();
        int healthy = 0;
        int unhealthy = 0;
        int ejected = 0;
        for (EndpointStatus s : lb.endpoints()) {
          switch (s.state()) {
            case HEALTHY -> healthy++;
            case UNHEALTHY -> unhealthy++;
            case EJECTED -> ejected++;
          }
        }
        counts.put("healthy", healthy);
        counts.put("unhealthy", unhealthy);
        counts.put("ejected", ejected);
        counts.put("panic", lb.inPanic());
        services.put(name, counts);
        up &= healthy > 0;
      }
    }
    Map<String, Object> dbs = new LinkedHashMap<>();
    for (RoutingDataSource db : databases) {
      Map<String, Object> d = new LinkedHashMap<>();
      boolean primary = db.primaryHost().isPresent();
      d.put("primaryReachable", primary);
      db.primaryHost().ifPresent(p -> d.put("primary", p));
      d.put("eligibleReplicas", db.eligibleReplicas());
      d.put("worstReplicaLagMs", db.worstReplicaLag().toMillis());
      dbs.put(db.name(), d);
      up &= primary;
    }
    Health.Builder builder = up ? Health.up() : Health.down();
    if (!services.isEmpty()) {
      builder.withDetail("services", services);
    }
    if (!dbs.isEmpty()) {
      builder.withDetail("databases", dbs);
    }
    return builder.build();
  }
}
