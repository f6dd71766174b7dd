package dev.ballast.discovery.kubernetes;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.DiscoveryProviders;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Ticker;
import dev.ballast.testkit.HttpInstance;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Helpers shared by the Kubernetes tests. */
final class K8sFixtures {
  static final String PREFIX = "ballast.http.services.";

  private K8sFixtures() {}

  /**
   * Properties for {@code service} discovered from the API server at {@code url} in namespace
   * {@code test}, with fast reconnects, plus extras (keys relative to the service).
   */
  static Properties props(String service, String url, String... extra) {
    Properties p = new Properties();
    p.setProperty(PREFIX + service + ".discovery", "kubernetes");
    p.setProperty(PREFIX + service + ".discovery.kubernetes.master-url", url);
    p.setProperty(PREFIX + service + ".discovery.kubernetes.namespace", "test");
    p.setProperty(PREFIX + service + ".discovery.kubernetes.reconnect-delay", "100ms");
    p.setProperty(PREFIX + service + ".discovery.kubernetes.max-reconnect-delay", "1s");
    for (int i = 0; i < extra.length; i += 2) {
      p.setProperty(PREFIX + service + "." + extra[i], extra[i + 1]);
    }
    return p;
  }

  /** The source bound from {@code props} exactly as the HTTP client binds it; not started. */
  static DiscoveredEndpointSource source(String service, Properties props) {
    ConfigReader r = new ConfigReader(props, k -> null);
    DiscoveredEndpointSource s =
        DiscoveryProviders.bind(r, PREFIX + service + ".", service, Ticker.system()).orElse(null);
    r.checkUnknownKeys();
    r.throwIfProblems();
    if (s == null) {
      throw new AssertionError("no source bound");
    }
    return s;
  }

  /** Ids of the endpoints in rotation, sorted. */
  static List<String> ids(DiscoveredEndpointSource s) {
    return s.current().endpoints().stream().map(Endpoint::id).sorted().toList();
  }

  static List<String> ids(HttpInstance... instances) {
    return Arrays.stream(instances).map(i -> i.host() + ":" + i.port()).sorted().toList();
  }

  /** Names of the live threads whose names start with one of {@code prefixes}. */
  static List<String> threadsNamed(String... prefixes) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> Arrays.stream(prefixes).anyMatch(n::startsWith))
        .sorted()
        .toList();
  }
}
