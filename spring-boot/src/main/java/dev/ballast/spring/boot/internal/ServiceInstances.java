package dev.ballast.spring.boot.internal;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Maps Spring Cloud {@link ServiceInstance}s to Ballast endpoints: address and scheme from the
 * instance, zone and weight from two of its metadata keys, the instance id as endpoint id (the
 * address when the registry gives none). Stateless.
 *
 * <p>One odd instance must not freeze the service: an instance without a host or port, or with a
 * scheme other than http/https, is skipped; a weight that is not an integer ≥ 1 counts as 1; an id
 * seen twice keeps the first instance. Each is reported to {@code problems} for a log line.
 */
final class ServiceInstances {
  private ServiceInstances() {}

  /**
   * The endpoints of {@code instances}, all in rotation (a Spring Cloud registry lists the
   * instances it considers up; one that leaves the list is drained by the client).
   */
  static List<DiscoveredEndpoint> toEndpoints(
      List<ServiceInstance> instances,
      String zoneKey,
      String weightKey,
      Consumer<String> problems) {
    List<DiscoveredEndpoint> out = new ArrayList<>(instances.size());
    Set<String> ids = new HashSet<>();
    for (ServiceInstance instance : instances) {
      Endpoint e = toEndpoint(instance, zoneKey, weightKey, problems);
      if (e == null) {
        continue;
      }
      if (!ids.add(e.id())) {
        problems.accept("instance id '" + e.id() + "' listed twice; the first one is used");
        continue;
      }
      out.add(DiscoveredEndpoint.serving(e));
    }
    return out;
  }

  private static @Nullable Endpoint toEndpoint(
      ServiceInstance instance, String zoneKey, String weightKey, Consumer<String> problems) {
    String host = instance.getHost();
    int port = instance.getPort();
    if (host == null || host.isBlank() || port <= 0 || port > 65_535) {
      problems.accept("instance " + instance + " has no usable host and port; skipped");
      return null;
    }
    String scheme = scheme(instance);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.accept(
          "instance "
              + host
              + ":"
              + port
              + " has scheme '"
              + scheme
              + "' (expected: http or"
              + " https); skipped");
      return null;
    }
    String instanceId = instance.getInstanceId();
    Map<String, String> metadata =
        instance.getMetadata() == null ? Map.of() : instance.getMetadata();
    Endpoint.Builder b =
        Endpoint.builder(host, port)
            .metadata("scheme", scheme)
            .zone(nullToEmpty(metadata.get(zoneKey)).trim());
    if (instanceId != null && !instanceId.isBlank()) {
      b.id(instanceId);
    }
    String weight = metadata.get(weightKey);
    if (weight != null) {
      b.weight(weight(weight, host + ":" + port, weightKey, problems));
    }
    return b.build();
  }

  private static String scheme(ServiceInstance instance) {
    String scheme = instance.getScheme();
    if (scheme == null || scheme.isBlank()) {
      return instance.isSecure() ? "https" : "http";
    }
    return scheme.toLowerCase(Locale.ROOT);
  }

  private static int weight(String raw, String address, String key, Consumer<String> problems) {
    try {
      int w = Integer.parseInt(raw.trim());
      if (w >= 1) {
        return w;
      }
    } catch (NumberFormatException e) {
      // reported below, like a value out of range
    }
    problems.accept(
        "instance "
            + address
            + " metadata "
            + key
            + ": "
            + raw
            + " (expected: an integer >= 1); weight 1 used");
    return 1;
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
