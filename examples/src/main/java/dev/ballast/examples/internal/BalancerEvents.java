package dev.ballast.examples.internal;

import dev.ballast.lb.Durations;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbEvent;
import java.util.Locale;

/** Says what a load balancer event means, in the instance names the demo uses. Stateless. */
final class BalancerEvents {

  private BalancerEvents() {}

  /** One line for {@code event}. */
  static String describe(LbEvent event, Stage stage) {
    if (event instanceof LbEvent.HealthChanged) {
      LbEvent.HealthChanged e = (LbEvent.HealthChanged) event;
      return name(e.endpoint(), stage)
          + (e.healthy()
              ? " healthy again (health checks pass)"
              : " unhealthy (health checks fail)");
    }
    if (event instanceof LbEvent.EndpointEjected) {
      LbEvent.EndpointEjected e = (LbEvent.EndpointEjected) event;
      return name(e.endpoint(), stage)
          + " ejected for "
          + Durations.format(e.duration())
          + " (consecutive failed calls)";
    }
    if (event instanceof LbEvent.EndpointRestored) {
      return name(((LbEvent.EndpointRestored) event).endpoint(), stage) + " back from ejection";
    }
    if (event instanceof LbEvent.PanicEntered) {
      LbEvent.PanicEntered e = (LbEvent.PanicEntered) event;
      return "panic: only " + e.usable() + " of " + e.total() + " usable, balancing over all";
    }
    if (event instanceof LbEvent.PanicLeft) {
      LbEvent.PanicLeft e = (LbEvent.PanicLeft) event;
      return "panic over: " + e.usable() + " of " + e.total() + " usable";
    }
    if (event instanceof LbEvent.ZoneSpillChanged) {
      LbEvent.ZoneSpillChanged e = (LbEvent.ZoneSpillChanged) event;
      return String.format(
          Locale.ROOT,
          "zone %s now keeps %.0f%% of the traffic",
          stage.localZone(),
          e.localPercentAfter());
    }
    return event.toString();
  }

  private static String name(Endpoint endpoint, Stage stage) {
    int i = stage.instanceIndex(endpoint.port());
    return i < 0 ? endpoint.id() : stage.instanceIds().get(i);
  }
}
