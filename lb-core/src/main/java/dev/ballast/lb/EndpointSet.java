package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A complete, versioned set of endpoints as emitted by an {@link EndpointSource}. A set with a
 * lower version than one already applied is stale and is ignored.
 *
 * @param version monotonically increasing per source
 * @param endpoints the complete set, unmodifiable, no two with the same id
 */
public record EndpointSet(long version, List<Endpoint> endpoints) {
  /**
   * Validates and copies.
   *
   * @param endpoints the endpoints
   * @param version the version
   * @throws IllegalArgumentException if two endpoints share an id
   */
  public EndpointSet {
    endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
    Set<String> ids = new HashSet<>();
    for (Endpoint e : endpoints) {
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException(
            "endpoints: duplicate id '" + e.id() + "' (expected: unique endpoint ids)");
      }
    }
  }
}
