package dev.ballast.lb.internal.discovery;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One report of a discovery: every endpoint as reported, draining ones included, and the endpoints
 * that serve (draining ones withheld) in a stable order. Immutable.
 */
public final class ReportedEndpoints {
  /** The report before any: nothing reported. */
  public static final ReportedEndpoints NONE = new ReportedEndpoints(List.of(), List.of());

  private final List<DiscoveredEndpoint> all;
  private final List<Endpoint> serving;

  private ReportedEndpoints(List<DiscoveredEndpoint> all, List<Endpoint> serving) {
    this.all = all;
    this.serving = serving;
  }

  /**
   * The report of {@code reported} (copied).
   *
   * @throws NullPointerException naming {@code endpoints} when the list or an element is null
   * @throws IllegalArgumentException when two endpoints share an id
   */
  public static ReportedEndpoints of(List<DiscoveredEndpoint> reported) {
    List<DiscoveredEndpoint> copy = List.copyOf(requireNonNull(reported, "endpoints"));
    Set<String> ids = new HashSet<>();
    List<Endpoint> serving = new ArrayList<>(copy.size());
    for (DiscoveredEndpoint d : copy) {
      if (!ids.add(d.endpoint().id())) {
        throw new IllegalArgumentException(
            "endpoints: duplicate id '" + d.endpoint().id() + "' (expected: unique endpoint ids)");
      }
      if (!d.draining()) {
        serving.add(d.endpoint());
      }
    }
    // Engines list instances in no stable order; sorting keeps a reordering from being a change.
    serving.sort(Comparator.comparing(Endpoint::id));
    return new ReportedEndpoints(copy, List.copyOf(serving));
  }

  /** Every endpoint as reported, draining ones included, in the order reported. */
  public List<DiscoveredEndpoint> all() {
    return all;
  }

  /** The endpoints that take new calls (draining ones withheld), sorted by id. */
  public List<Endpoint> serving() {
    return serving;
  }

  /** How many reported endpoints are draining. */
  public int draining() {
    return all.size() - serving.size();
  }

  /**
   * Whether {@code endpoints} (in order) equal the serving endpoints in every field that routing
   * reads: id, host, port, zone, weight and metadata. {@link Endpoint#equals} compares ids only,
   * and a moved address or a new weight is a change too.
   */
  public boolean servesSameAs(List<Endpoint> endpoints) {
    if (endpoints.size() != serving.size()) {
      return false;
    }
    for (int i = 0; i < serving.size(); i++) {
      Endpoint x = endpoints.get(i);
      Endpoint y = serving.get(i);
      if (!x.id().equals(y.id())
          || !x.host().equals(y.host())
          || x.port() != y.port()
          || !x.zone().equals(y.zone())
          || x.weight() != y.weight()
          || !Objects.equals(x.metadata(), y.metadata())) {
        return false;
      }
    }
    return true;
  }
}
