package dev.ballast.discovery.kubernetes;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the EndpointSlices of one service into the complete endpoint set. A service has several
 * slices (the controller splits at 100 endpoints, and keeps a slice per distinct set of ports); the
 * set is their union.
 *
 * <p>Conditions, as the EndpointSlice API defines them (a missing {@code ready} or {@code serving}
 * means unknown and is read as ready, a missing {@code terminating} as false):
 *
 * <ul>
 *   <li>not terminating and ready: in rotation;
 *   <li>terminating and serving: draining (no new calls, calls in flight complete);
 *   <li>anything else (starting, failing its readiness probe, terminating and no longer serving):
 *       left out.
 * </ul>
 *
 * <p>An address seen in two slices (the controller moving an endpoint between slices writes the new
 * slice before trimming the old one) counts once, in its most available state.
 *
 * <p>Stateless: a pure function of its input.
 */
final class SliceMerge {
  /** Metadata key holding the zones named in the endpoint's topology hints, comma-separated. */
  static final String HINTS_FOR_ZONES = "k8s.hints.for-zones";

  /** Metadata key holding the pod (the endpoint's target reference). */
  static final String POD = "k8s.pod";

  private SliceMerge() {}

  /** What the slices amount to: the endpoints, or why no set can be made of them. */
  sealed interface Result {}

  /** The complete set, draining endpoints included. */
  record Endpoints(List<DiscoveredEndpoint> endpoints) implements Result {}

  /** The slices cannot be read as a set (no port to pick); the last good set must stay. */
  record Problem(String message) implements Result {}

  /**
   * Merges {@code slices}.
   *
   * @param portName the port to call, or null for "the only port the slices publish"
   * @param portNameKey the full property key of the port name, for the message asking to set it
   */
  static Result merge(
      Collection<EndpointSlice> slices,
      @Nullable String portName,
      KubernetesTarget target,
      String portNameKey) {
    String wanted = portName;
    if (wanted == null) {
      TreeSet<String> names = portsSeen(slices, false);
      if (names.size() > 1) {
        return new Problem(
            "service '"
                + target.service()
                + "' in namespace '"
                + target.namespace()
                + "' publishes several ports ("
                + String.join(", ", portsSeen(slices, true))
                + "): set "
                + portNameKey
                + " to one of them");
      }
      wanted = names.isEmpty() ? "" : names.first();
    }
    Map<String, DiscoveredEndpoint> byId = new LinkedHashMap<>();
    boolean portFound = false;
    boolean anyEndpoint = false;
    for (EndpointSlice slice : sorted(slices)) {
      List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> endpoints = slice.getEndpoints();
      if (endpoints == null || endpoints.isEmpty()) {
        continue;
      }
      anyEndpoint = true;
      EndpointPort port = port(slice, wanted);
      if (port == null || port.getPort() == null) {
        continue;
      }
      portFound = true;
      String scheme = "https".equalsIgnoreCase(port.getAppProtocol()) ? "https" : "http";
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e : endpoints) {
        add(e, port.getPort(), scheme, byId);
      }
    }
    if (anyEndpoint && !portFound) {
      return new Problem(
          "service '"
              + target.service()
              + "' in namespace '"
              + target.namespace()
              + "' publishes no port "
              + (wanted.isEmpty() ? "without a name" : "named '" + wanted + "'")
              + " (ports: "
              + String.join(", ", portsSeen(slices, true))
              + ")");
    }
    List<DiscoveredEndpoint> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(d -> d.endpoint().id()));
    return new Endpoints(List.copyOf(out));
  }

  private static void add(
      io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e,
      int port,
      String scheme,
      Map<String, DiscoveredEndpoint> byId) {
    List<String> addresses = e.getAddresses();
    // The API allows several addresses per endpoint but says consumers use the first.
    if (addresses == null || addresses.isEmpty() || port < 1 || port > 65535) {
      return;
    }
    EndpointConditions c = e.getConditions();
    boolean ready = c == null || !Boolean.FALSE.equals(c.getReady());
    boolean serving = c == null ? ready : c.getServing() != null ? c.getServing() : ready;
    boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
    boolean draining;
    if (terminating) {
      if (!serving) {
        return;
      }
      draining = true;
    } else if (ready) {
      draining = false;
    } else {
      return;
    }
    Endpoint.Builder b =
        Endpoint.builder(addresses.get(0), port)
            .zone(e.getZone() == null ? "" : e.getZone())
            .metadata("scheme", scheme);
    String hinted = hintedZones(e);
    if (!hinted.isEmpty()) {
      b.metadata(HINTS_FOR_ZONES, hinted);
    }
    if (e.getTargetRef() != null && e.getTargetRef().getName() != null) {
      b.metadata(POD, e.getTargetRef().getName());
    }
    DiscoveredEndpoint d = new DiscoveredEndpoint(b.build(), draining);
    DiscoveredEndpoint seen = byId.get(d.endpoint().id());
    if (seen == null || (seen.draining() && !d.draining())) {
      byId.put(d.endpoint().id(), d);
    }
  }

  private static String hintedZones(io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e) {
    if (e.getHints() == null || e.getHints().getForZones() == null) {
      return "";
    }
    return e.getHints().getForZones().stream()
        .map(ForZone::getName)
        .filter(Objects::nonNull)
        .sorted()
        .collect(Collectors.joining(","));
  }

  private static @Nullable EndpointPort port(EndpointSlice slice, String name) {
    List<EndpointPort> ports = slice.getPorts();
    if (ports == null) {
      return null;
    }
    for (EndpointPort p : ports) {
      if (name.equals(p.getName() == null ? "" : p.getName())) {
        return p;
      }
    }
    return null;
  }

  private static TreeSet<String> portsSeen(Collection<EndpointSlice> slices, boolean withNumbers) {
    TreeSet<String> names = new TreeSet<>();
    for (EndpointSlice s : slices) {
      if (s.getPorts() == null || s.getEndpoints() == null || s.getEndpoints().isEmpty()) {
        continue;
      }
      for (EndpointPort p : s.getPorts()) {
        String name = p.getName() == null || p.getName().isEmpty() ? "(unnamed)" : p.getName();
        names.add(withNumbers ? name + "=" + p.getPort() : name);
      }
    }
    if (!withNumbers && names.remove("(unnamed)")) {
      names.add("");
    }
    return names;
  }

  // Slices arrive in no stable order; a fixed order keeps the merge deterministic.
  private static List<EndpointSlice> sorted(Collection<EndpointSlice> slices) {
    List<EndpointSlice> list = new ArrayList<>(slices);
    list.sort(
        Comparator.comparing(
            s -> s.getMetadata() == null ? "" : String.valueOf(s.getMetadata().getName())));
    return list;
  }
}
