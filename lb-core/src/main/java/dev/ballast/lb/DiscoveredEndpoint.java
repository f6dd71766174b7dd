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
  /** Validates. */
  public DiscoveredEndpoint {
    requireNonNull(endpoint, "endpoint");
  }

  /** An endpoint in rotation. */
  public static DiscoveredEndpoint serving(Endpoint endpoint) {
    return new DiscoveredEndpoint(endpoint, false);
  }

  /** An endpoint that must get no new calls. */
  public static DiscoveredEndpoint draining(Endpoint endpoint) {
    return new DiscoveredEndpoint(endpoint, true);
  }
}
