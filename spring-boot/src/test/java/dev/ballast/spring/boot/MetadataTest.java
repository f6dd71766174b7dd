package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Ticker;
import dev.ballast.spring.boot.internal.ConfigValidation;
import dev.ballast.spring.boot.internal.KeyCatalog;
import dev.ballast.spring.boot.internal.SpringCloudSourceProvider;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/spring-configuration-metadata.json} describes exactly the keys Ballast's binders
 * read: a key added to a binder without metadata (or left in the metadata after a binder dropped
 * it) fails here. Per-service keys are documented once under {@code ballast.http.defaults.}, and
 * per-service endpoints, replicas and HikariCP pass-through properties as map entries.
 */
class MetadataTest {
  @Test
  void theMetadataDescribesEveryKeyTheBindersKnowAndNoOther() {
    Properties p = new Properties();
    // one service and one replica, so that every per-service and per-replica key is read
    // discovery= rather than endpoints=: the binder still reads endpoints (to refuse both), and
    // reads the spring-cloud source's keys too
    p.setProperty("ballast.http.services.orders.discovery", "spring-cloud");
    p.setProperty("ballast.jdbc.primary.url", "jdbc:postgresql://127.0.0.1:1/app");
    p.setProperty("ballast.jdbc.replicas.r1.url", "jdbc:postgresql://127.0.0.1:2/app");
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "2");
    // read only when set
    p.setProperty("ballast.jdbc.max-connections-per-host", "100");
    p.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "2");
    p.setProperty("ballast.jdbc.replicas.r1.hikari.maximumPoolSize", "2");
    Set<String> known = new LinkedHashSet<>();

    assertThat(
            ConfigValidation.problems(
                p,
                name -> null,
                r -> known.addAll(r.knownKeys()),
                r -> known.addAll(r.knownKeys()),
                List.of(
                    new SpringCloudSourceProvider(
                        () -> {
                          throw new AssertionError("not started");
                        },
                        () -> true,
                        Ticker.system()))))
        .isEmpty();

    Set<String> documented = new TreeSet<>();
    for (String key : known) {
      documented.add(documentedAs(key));
    }
    assertThat(documented).hasSizeGreaterThan(40);
    assertThat(new TreeSet<>(KeyCatalog.load().types().keySet())).isEqualTo(documented);
  }

  @Test
  void everyEntryHasATypeAndADescription() throws Exception {
    String json;
    try (var in = MetadataTest.class.getClassLoader().getResourceAsStream(KeyCatalog.METADATA)) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var tree = new tools.jackson.databind.ObjectMapper().readTree(json);
    assertThat(tree.get("properties")).isNotEmpty();
    for (var entry : tree.get("properties")) {
      assertThat(entry.path("type").asString()).as(entry.toString()).isNotBlank();
      assertThat(entry.path("description").asString()).as(entry.toString()).isNotBlank();
    }
  }

  /** The metadata entry that documents a concrete key the binders read. */
  private static String documentedAs(String key) {
    String services = "ballast.http.services.orders.";
    if (key.startsWith(services)) {
      String rest = key.substring(services.length());
      // endpoints= and discovery= name a service's instances: documented with the services map
      return rest.equals("endpoints")
              || rest.equals("discovery")
              || rest.equals("discovery.spring-cloud.service-id")
          ? "ballast.http.services"
          : "ballast.http.defaults." + rest;
    }
    if (key.startsWith("ballast.jdbc.replicas.")) {
      return "ballast.jdbc.replicas";
    }
    if (key.startsWith("ballast.jdbc.primary.hikari.")) {
      return "ballast.jdbc.primary.hikari";
    }
    if (key.startsWith("ballast.jdbc.hikari.")) {
      return "ballast.jdbc.hikari";
    }
    return key;
  }
}
