package dev.ballast.spring.boot;

import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code ballast.jdbc.*} keys of a testkit cluster, as an application.yml would set them. */
final class TestClusters {
  /** The driver's application_name of the starter's pools, to find their connections. */
  static final String APPLICATION_NAME = "ballast-boot-test";

  private TestClusters() {}

  static Map<String, String> jdbcProperties(PostgresCluster cluster, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ballast.jdbc.name", name);
    p.put("ballast.jdbc.username", cluster.primary().user());
    p.put("ballast.jdbc.primary.url", cluster.primary().jdbcUrl());
    for (PgNode replica : cluster.replicas()) {
      p.put("ballast.jdbc.replicas." + replica.name() + ".url", replica.jdbcUrl());
    }
    p.put("ballast.jdbc.health-check.interval", "200ms");
    p.put("ballast.jdbc.hikari.maximumPoolSize", "4");
    p.put("ballast.jdbc.hikari.dataSource.ApplicationName", APPLICATION_NAME);
    return p;
  }
}
