package dev.ballast.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.Durations;
import dev.ballast.lb.EndpointSourceProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code discovery=kubernetes}: a service's endpoints from the EndpointSlices ({@code
 * discovery.k8s.io/v1}) of a Kubernetes Service, followed with a watch. Keys under {@code
 * ballast.http.services.<svc>.discovery.kubernetes.}:
 *
 * <pre>
 * service              the Kubernetes Service (default: the Ballast service name)
 * namespace            its namespace (default: this pod's, read from the service-account
 *                      directory; required outside a pod)
 * port-name            the port to call (default: the only port the slices publish)
 * master-url           the API server (default: in-cluster configuration, else kubeconfig)
 * reconnect-delay      first delay before listing again after a failure (default 1s)
 * max-reconnect-delay  cap of the doubling delay (default 30s)
 * </pre>
 *
 * <p>Endpoints that are ready are in rotation; terminating but still serving ones are draining; the
 * others are left out. Stateless and thread-safe.
 */
public final class KubernetesSourceProvider implements EndpointSourceProvider {
  /** The source's name in {@code discovery=}. */
  public static final String NAME = "kubernetes";

  /** Where a pod finds its own namespace (the service-account volume). */
  public static final String POD_NAMESPACE_FILE =
      "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  // RFC 1123 label, as Kubernetes requires of namespaces and service names.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  // IANA service name, as Kubernetes requires of port names.
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");

  private final Path podNamespaceFile;

  /** Found by {@link java.util.ServiceLoader}. */
  public KubernetesSourceProvider() {
    this(Path.of(POD_NAMESPACE_FILE));
  }

  KubernetesSourceProvider(Path podNamespaceFile) {
    this.podNamespaceFile = requireNonNull(podNamespaceFile, "podNamespaceFile");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    String k8sService = keys.string("service", service);
    if (!DNS_LABEL.matcher(k8sService).matches()) {
      keys.problem(
          "service",
          k8sService,
          "a Kubernetes Service name (lower-case letters, digits and '-', at most 63)");
    }
    String namespace = namespace(keys);
    String portName = keys.optionalString("port-name").orElse(null);
    if (portName != null && !PORT_NAME.matcher(portName).matches()) {
      keys.problem(
          "port-name", portName, "a port name (lower-case letters, digits and '-', at most 15)");
    }
    String masterUrl = keys.optionalString("master-url").orElse(null);
    if (masterUrl != null && !isHttpUrl(masterUrl)) {
      keys.problem("master-url", masterUrl, "the API server's URL, e.g. https://10.0.0.1:6443");
    }
    Duration first = keys.duration("reconnect-delay", Duration.ofSeconds(1));
    Duration max = keys.duration("max-reconnect-delay", Duration.ofSeconds(30));
    positive(keys, "reconnect-delay", first);
    positive(keys, "max-reconnect-delay", max);
    if (max.compareTo(first) < 0) {
      keys.problem(
          "max-reconnect-delay",
          Durations.format(max),
          "at least reconnect-delay (" + Durations.format(first) + ")");
    }
    return new EndpointSliceDiscovery(
        new KubernetesTarget(
            k8sService,
            namespace == null ? "" : namespace,
            portName,
            keys.key("port-name"),
            masterUrl,
            first,
            max));
  }

  private @Nullable String namespace(ConfigReader.Scope keys) {
    Optional<String> set = keys.optionalString("namespace");
    if (set.isPresent()) {
      if (!DNS_LABEL.matcher(set.get()).matches()) {
        keys.problem(
            "namespace",
            set.get(),
            "a Kubernetes namespace (lower-case letters, digits and '-', at most 63)");
      }
      return set.get();
    }
    String fromPod = podNamespace();
    if (fromPod == null) {
      keys.problem(
          "namespace",
          null,
          "the namespace of the Service; outside a pod there is no default ("
              + podNamespaceFile
              + " not found)");
    }
    return fromPod;
  }

  private @Nullable String podNamespace() {
    try {
      if (!Files.isRegularFile(podNamespaceFile)) {
        return null;
      }
      String ns = Files.readString(podNamespaceFile, StandardCharsets.UTF_8).trim();
      return ns.isEmpty() ? null : ns;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void positive(ConfigReader.Scope keys, String key, Duration value) {
    if (value.isZero() || value.isNegative() || value.compareTo(Duration.ofHours(1)) > 0) {
      keys.problem(key, Durations.format(value), "a positive duration up to 1h");
    }
  }
}
