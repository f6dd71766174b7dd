package dev.ballast.discovery.kubernetes;

import static dev.ballast.discovery.kubernetes.K8sFixtures.PREFIX;
import static dev.ballast.discovery.kubernetes.K8sFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.DiscoveryProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of {@code discovery=kubernetes}: defaults, and clear errors for bad values. */
class KubernetesKeysTest {
  private static final String KEYS = PREFIX + "orders.discovery.kubernetes.";

  private static Properties props(String... pairs) {
    Properties p = new Properties();
    p.setProperty(PREFIX + "orders.discovery", "kubernetes");
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(KEYS + pairs[i], pairs[i + 1]);
    }
    return p;
  }

  /** The provider's own keys only, for binding it directly. */
  private static Properties keysOnly(String... pairs) {
    Properties p = props(pairs);
    p.remove(PREFIX + "orders.discovery");
    return p;
  }

  @Test
  void theProviderIsFoundByName() {
    assertThat(DiscoveryProviders.available())
        .containsKey("kubernetes")
        .hasEntrySatisfying(
            "kubernetes", p -> assertThat(p).isInstanceOf(KubernetesSourceProvider.class));
  }

  @Test
  void badKeysFailWithTheKeyTheValueAndWhatWasExpected() {
    assertThatThrownBy(
            () ->
                source(
                    "orders",
                    props(
                        "service", "Orders_v2",
                        "port-name", "HTTP",
                        "master-url", "kubernetes:443",
                        "reconnect-delay", "0s",
                        "port-nmae", "http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            KEYS
                + "service: Orders_v2 (expected: a Kubernetes Service name (lower-case letters,"
                + " digits and '-', at most 63))")
        .hasMessageContaining(
            KEYS
                + "namespace: (missing) (expected: the namespace of the Service; outside a pod"
                + " there is no default (/var/run/secrets/kubernetes.io/serviceaccount/namespace"
                + " not found))")
        .hasMessageContaining(
            KEYS
                + "port-name: HTTP (expected: a port name (lower-case letters, digits and '-', at"
                + " most 15))")
        .hasMessageContaining(
            KEYS
                + "master-url: kubernetes:443 (expected: the API server's URL, e.g."
                + " https://10.0.0.1:6443)")
        .hasMessageContaining(KEYS + "reconnect-delay: 0s (expected: a positive duration up to 1h)")
        .hasMessageContaining(
            KEYS
                + "port-nmae: http (expected: a known key; did you mean '"
                + KEYS
                + "port-name'?)");
  }

  @Test
  void aCapBelowTheFirstDelayIsAnError() {
    assertThatThrownBy(
            () ->
                source(
                    "orders",
                    props(
                        "namespace", "shop",
                        "reconnect-delay", "5s",
                        "max-reconnect-delay", "2s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            KEYS + "max-reconnect-delay: 2s (expected: at least reconnect-delay (5s))");
  }

  @Test
  void defaultsAreTheServiceNameThePodsNamespaceAndInClusterConfig(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("namespace");
    Files.writeString(file, "shop\n");
    ConfigReader reader = new ConfigReader(keysOnly(), k -> null);
    EndpointSliceDiscovery d =
        (EndpointSliceDiscovery)
            new KubernetesSourceProvider(file).bind("orders", reader.scope(KEYS));
    reader.checkUnknownKeys();
    reader.throwIfProblems();

    assertThat(d.target())
        .isEqualTo(
            new KubernetesTarget(
                "orders",
                "shop",
                null,
                KEYS + "port-name",
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30)));
  }

  @Test
  void keysOverrideTheDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("namespace");
    Files.writeString(file, "shop");
    ConfigReader reader =
        new ConfigReader(
            keysOnly(
                "service", "orders-v2",
                "namespace", "payments",
                "port-name", "grpc-web",
                "master-url", "https://10.0.0.1:6443"),
            k -> null);
    EndpointSliceDiscovery d =
        (EndpointSliceDiscovery)
            new KubernetesSourceProvider(file).bind("orders", reader.scope(KEYS));
    reader.checkUnknownKeys();
    reader.throwIfProblems();

    assertThat(d.target().service()).isEqualTo("orders-v2");
    assertThat(d.target().namespace()).isEqualTo("payments");
    assertThat(d.target().portName()).isEqualTo("grpc-web");
    assertThat(d.target().masterUrl()).isEqualTo("https://10.0.0.1:6443");
  }
}
