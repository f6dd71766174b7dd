package dev.ballast.lb;

/**
 * A point-in-time view of one endpoint as the load balancer sees it, for diagnostics, metrics and
 * failure messages.
 *
 * @param endpoint the endpoint
 * @param state its usability
 * @param inFlight calls in flight now
 * @param ewmaNanos peak-EWMA latency estimate (0 before any sample)
 * @param weightFactor current slow-start factor (1.0 when not ramping)
 * @param trafficShare expected share of picks under the current picker, 0..1
 */
public record EndpointStatus(
    Endpoint endpoint,
    State state,
    int inFlight,
    long ewmaNanos,
    double weightFactor,
    double trafficShare) {

  /** Usability of an endpoint. */
  public enum State {
    /** Passing active checks (or not checked) and not ejected. */
    HEALTHY,
    /** Failing active health checks. */
    UNHEALTHY,
    /** Ejected by passive outlier detection. */
    EJECTED;

    /** {@return the lower-case name for tags and messages} */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
