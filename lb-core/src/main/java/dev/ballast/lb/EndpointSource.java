package dev.ballast.lb;

import java.util.List;

/**
 * Discovery SPI: delivers complete, versioned endpoint sets to listeners.
 *
 * <p>Contract for implementations: a listener added late receives the current set at once (from the
 * calling thread); sets are delivered in version order and a set is never older than one the
 * listener already received; listeners must not be called concurrently with themselves.
 */
public interface EndpointSource extends AutoCloseable {
  /**
   * Registers a listener and, if a set is already known, delivers it before returning.
   *
   * @param listener the listener
   * @return a handle that removes the listener when closed
   */
  AutoCloseable subscribe(Listener listener);

  /**
   * {@return what this source is and how it stands, for failure messages (e.g. a discovery's health
   * and the age of its set); empty when there is nothing to say, the default}
   */
  default String description() {
    return "";
  }

  /** Stops delivering sets; the default does nothing. */
  @Override
  default void close() {}

  /** Receives endpoint sets. */
  @FunctionalInterface
  interface Listener {
    /**
     * Called with each new complete set. Must not block.
     *
     * @param set the endpoints and their version
     */
    void onEndpoints(EndpointSet set);
  }

  /**
   * {@return a source that never changes}
   *
   * @param endpoints the endpoints
   */
  static EndpointSource of(List<Endpoint> endpoints) {
    DynamicEndpointSource source = new DynamicEndpointSource();
    source.update(endpoints);
    return source;
  }

  /**
   * {@return a source that never changes}
   *
   * @param endpoints the endpoints
   */
  static EndpointSource of(Endpoint... endpoints) {
    return of(List.of(endpoints));
  }

  /** {@return a programmatic source, updated with {@link DynamicEndpointSource#update}} */
  static DynamicEndpointSource dynamic() {
    return new DynamicEndpointSource();
  }
}
