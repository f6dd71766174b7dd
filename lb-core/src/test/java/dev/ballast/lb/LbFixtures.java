package dev.ballast.lb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small helpers shared by the load-balancer tests. */
final class LbFixtures {
  private LbFixtures() {}

  /** {@code count} endpoints per zone, ids like {@code a1}, ports from 9000. */
  static List<Endpoint> endpoints(Map<String, Integer> perZone) {
    List<Endpoint> out = new ArrayList<>();
    int port = 9000;
    for (Map.Entry<String, Integer> e : perZone.entrySet()) {
      for (int i = 1; i <= e.getValue(); i++) {
        out.add(Endpoint.builder("127.0.0.1", port++).id(e.getKey() + i).zone(e.getKey()).build());
      }
    }
    return out;
  }

  /** Picks {@code n} times (completing each at once) and counts by {@code key}. */
  static Map<String, Integer> pickCounts(LoadBalancer lb, int n, Function<Endpoint, String> key) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Pick p = lb.pick();
      if (!p.isPresent()) {
        counts.merge("<none>", 1, Integer::sum);
        continue;
      }
      counts.merge(key.apply(p.endpoint()), 1, Integer::sum);
      p.complete(Outcome.SUCCESS, 1_000_000);
    }
    return counts;
  }

  static double share(Map<String, Integer> counts, String key, int n) {
    return counts.getOrDefault(key, 0) / (double) n;
  }
}
