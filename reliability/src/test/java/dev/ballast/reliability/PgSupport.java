package dev.ballast.reliability;

import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.util.Properties;
import java.util.function.IntFunction;

/** Router properties for a testkit cluster, and node lookups. */
final class PgSupport {
  private PgSupport() {}

  /**
   * {@code ballast.jdbc.*} properties for every node of {@code cluster}: this process in zone a,
   * pools of {@code poolSize}, a 5 s connection timeout and a 200 ms health interval.
   */
  static Properties properties(PostgresCluster cluster, String name, int poolSize) {
    Properties p = new Properties();
    p.setProperty("ballast.zone", "a");
    p.setProperty("ballast.jdbc.name", name);
    p.setProperty("ballast.jdbc.username", cluster.primary().user());
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl());
    setIfPresent(p, "ballast.jdbc.primary.zone", cluster.primary().zone());
    for (PgNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl());
      setIfPresent(p, "ballast.jdbc.replicas." + r.name() + ".zone", r.zone());
    }
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", String.valueOf(poolSize));
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "1");
    p.setProperty("ballast.jdbc.hikari.connectionTimeout", "5000");
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    return p;
  }

  /** Names the node of {@code cluster} listening on a port ({@code ?<port>} if none). */
  static IntFunction<String> nodeOfPort(PostgresCluster cluster) {
    return port -> {
      for (PgNode n : cluster.nodes()) {
        if (n.port() == port) {
          return n.name();
        }
      }
      return "?" + port;
    };
  }

  /** Zones are optional, but an empty value is a configuration error. */
  private static void setIfPresent(Properties p, String key, String value) {
    if (!value.isEmpty()) {
      p.setProperty(key, value);
    }
  }
}
