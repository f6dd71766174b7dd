package dev.ballast.lb;

import java.time.Duration;

/**
 * What the load balancer reports as it changes its mind about endpoints. Events are delivered on
 * the control plane, in order; building them costs nothing when no listener is registered.
 */
public sealed interface LbEvent {
  /** {@return the name of the load balancer (service) that emitted the event} */
  String service();

  /** Passive detection ejected {@code endpoint} for {@code duration} ({@code times} so far). */
  record EndpointEjected(String service, Endpoint endpoint, int times, Duration duration)
      implements LbEvent {}

  /** An ejection ended; the endpoint takes traffic again (ramped under slow start). */
  record EndpointRestored(String service, Endpoint endpoint) implements LbEvent {}

  /** Active health checking changed its verdict on {@code endpoint}. */
  record HealthChanged(String service, Endpoint endpoint, boolean healthy) implements LbEvent {}

  /** Too few endpoints are usable; balancing over all of them, ignoring health. */
  record PanicEntered(String service, int usable, int total) implements LbEvent {}

  /** Enough endpoints are usable again; health is honoured. */
  record PanicLeft(String service, int usable, int total) implements LbEvent {}

  /** The share of traffic kept in the local zone changed (percent, 0..100). */
  record ZoneSpillChanged(String service, double localPercentBefore, double localPercentAfter)
      implements LbEvent {}

  /** Listener for {@link LbEvent}s. */
  @FunctionalInterface
  interface Listener {
    /**
     * Called on the control plane; must not block.
     *
     * @param event the event
     */
    void onEvent(LbEvent event);
  }
}
