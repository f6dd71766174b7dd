package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shared helpers for the client's integration tests. */
final class TestSupport {
  /** Names of the client's event-loop threads ({@code ballast-http-<pool>-<n>}). */
  static final Pattern CLIENT_THREAD = Pattern.compile("ballast-http-\\d+-\\d+");

  private TestSupport() {}

  /** Waits (up to 15 s) until no instance of {@code farm} has a connection open. */
  static void awaitNoServerConnections(HttpInstanceFarmExtension farm) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(farm.instances())
                    .allSatisfy(i -> assertThat(i.activeConnections()).isZero()));
  }

  /** Properties from alternating keys and values. */
  static Properties props(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  /** Properties for service {@code name} over every instance of {@code farm}, plus extras. */
  static Properties service(String name, HttpInstanceFarm farm, String... extraKeysAndValues) {
    Properties p = props(extraKeysAndValues);
    p.setProperty("ballast.http.services." + name + ".endpoints", farm.endpointSpecs());
    return p;
  }

  /**
   * Properties for service {@code name} over every instance of the extension's farm, plus extras.
   */
  static Properties service(
      String name, HttpInstanceFarmExtension farm, String... extraKeysAndValues) {
    return service(name, farm.farm(), extraKeysAndValues);
  }

  /** Requests per instance id since the last reset. */
  static Map<String, Long> counts(HttpInstanceFarm farm) {
    return farm.instances().stream()
        .collect(Collectors.toMap(HttpInstance::id, HttpInstance::requestCount));
  }

  /** Names of live client event-loop threads. */
  static Set<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> CLIENT_THREAD.matcher(n).matches())
        .collect(Collectors.toSet());
  }
}
