package dev.ballast.lb;

/**
 * A discovery plugin's running part: once started it pushes endpoint sets and errors to a listener
 * until the returned handle is closed. Wrapped by {@link DiscoveredEndpointSource}, which keeps the
 * last known good set, withholds draining endpoints and counts updates and errors.
 */
@FunctionalInterface
public interface Discovery {
  /**
   * Starts watching; may deliver to {@code listener} before returning. Must not block for long: a
   * backend that is down is reported through {@link DiscoveryListener#onError}, not by throwing.
   *
   * @param listener the listener
   * @return a handle that stops watching and releases every resource when closed; idempotent
   * @throws Exception if the discovery cannot even start (reported as an error of the source)
   */
  AutoCloseable start(DiscoveryListener listener) throws Exception;
}
