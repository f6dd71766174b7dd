package dev.ballast.lb;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EndpointSource} updated by the application (or by a registry client) through {@link
 * #update}. Thread-safe: updates are serialized, so listeners see versions in order.
 */
public final class DynamicEndpointSource implements EndpointSource {
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private @Nullable EndpointSet current;
  private long version;

  DynamicEndpointSource() {}

  /**
   * Replaces the whole set and delivers it to every listener.
   *
   * @param endpoints the new full set of endpoints
   * @throws IllegalArgumentException if two endpoints share an id (nothing is applied)
   */
  public synchronized void update(Collection<Endpoint> endpoints) {
    EndpointSet set = new EndpointSet(version + 1, List.copyOf(endpoints));
    version = set.version();
    current = set;
    for (Listener l : listeners) {
      l.onEndpoints(set);
    }
  }

  /**
   * Applies an externally versioned set (for example a registry index); a set not newer than the
   * current one is ignored and {@code false} is returned.
   *
   * @param set the endpoints and their version
   * @return whether the set was applied (false when it was not newer)
   */
  public synchronized boolean update(EndpointSet set) {
    if (current != null && set.version() <= current.version()) {
      return false;
    }
    version = set.version();
    current = set;
    for (Listener l : listeners) {
      l.onEndpoints(set);
    }
    return true;
  }

  /** {@return the current set, or an empty set of version 0 before the first update} */
  public synchronized EndpointSet current() {
    return current != null ? current : new EndpointSet(0, List.of());
  }

  @Override
  public synchronized AutoCloseable subscribe(Listener listener) {
    listeners.add(listener);
    if (current != null) {
      listener.onEndpoints(current);
    }
    return () -> listeners.remove(listener);
  }
}
