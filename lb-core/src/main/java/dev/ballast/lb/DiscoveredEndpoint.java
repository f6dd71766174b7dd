package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

/**
 * One endpoint as a discovery engine reports it: the endpoint (address, zone, weight) and whether
 * it is <em>draining</em> — still running but on its way out (a Kubernetes pod that is terminating
 * while serving, an instance deregistering). A draining endpoint gets no new calls; calls already
 * in flight on it complete, and its idle pooled connections are closed.
 *
 * @param endpoint the endpoint; never null
 * @param draining whether it must get no new calls
 */
public record DiscoveredEndpoint(Endpoint endpoint, boolean draining) {
  /**
   * Validates.
   *
   * @param draining whether the endpoint is draining
   * @param endpoint the endpoint
   */
  public DiscoveredEndpoint {
    requireNonNull(endpoint, "endpoint");
  }

  /**
   * {@return an endpoint in rotation}
   *
   * @param endpoint the endpoint
   */
  public static DiscoveredEndpoint serving(Endpoint endpoint) {
    return new DiscoveredEndpoint(endpoint, false);
  }

  /**
   * {@return an endpoint that must get no new calls}
   *
   * @param endpoint the endpoint
   */
  public static DiscoveredEndpoint draining(Endpoint endpoint) {
    return new DiscoveredEndpoint(endpoint, true);
  }
}
