package dev.ballast.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider registered for the tests through {@code META-INF/services}: {@code discovery=listed}
 * with keys {@code listed.ports} (required, comma-separated ports on 127.0.0.1) and {@code
 * listed.zone}. Its discovery reports that list once.
 */
public final class ListedDiscoveryProvider implements EndpointSourceProvider {
  @Override
  public String name() {
    return "listed";
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    String ports = keys.required("ports", "comma-separated ports");
    String zone = keys.string("zone", "");
    List<DiscoveredEndpoint> endpoints = new ArrayList<>();
    for (String p : ports.isEmpty() ? new String[0] : ports.split(",", -1)) {
      try {
        Endpoint e = Endpoint.builder("127.0.0.1", Integer.parseInt(p.trim())).zone(zone).build();
        endpoints.add(DiscoveredEndpoint.serving(e));
      } catch (RuntimeException ex) {
        keys.problem("ports", ports, "comma-separated ports");
      }
    }
    return listener -> {
      listener.onEndpoints(endpoints);
      return () -> {};
    };
  }
}
