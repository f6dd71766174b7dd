package dev.ballast.lb.internal;

import dev.ballast.lb.LbEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LbEvent}s of one balancer: its listeners, the replay of the current state to a new
 * listener, and the panic and zone-spill transitions seen between one picker and the next.
 * Listeners run on the control plane; one that throws is logged and the others still run.
 */
final class BalancerEvents {
  private static final Logger log = LoggerFactory.getLogger(BalancerEvents.class);

  private final String service;
  private final boolean zoneConfigured;
  private final CopyOnWriteArrayList<LbEvent.Listener> listeners = new CopyOnWriteArrayList<>();
  private boolean panic;
  private double lastLocalShare = -1;

  BalancerEvents(String service, boolean zoneConfigured) {
    this.service = service;
    this.zoneConfigured = zoneConfigured;
  }

  /** Control plane: replays the current state to {@code listener}, then subscribes it. */
  void add(LbEvent.Listener listener, Membership membership, OutlierEjection ejection) {
    for (Member m : membership.values()) {
      if (!m.healthy) {
        listener.onEvent(new LbEvent.HealthChanged(service, m.endpoint(), false));
      }
      if (m.ejected) {
        listener.onEvent(
            new LbEvent.EndpointEjected(
                service, m.endpoint(), m.timesEjected, ejection.duration(m)));
      }
    }
    if (panic) {
      listener.onEvent(
          new LbEvent.PanicEntered(service, membership.usableCount(), membership.size()));
    }
    listeners.add(listener);
  }

  /** Any thread. */
  void remove(LbEvent.Listener listener) {
    listeners.remove(listener);
  }

  /** Control plane: a new picker is about to be published; reports panic and spill changes. */
  void onPicker(boolean nowPanic, int usable, int total, double localShare) {
    if (nowPanic != panic) {
      panic = nowPanic;
      emit(
          nowPanic
              ? new LbEvent.PanicEntered(service, usable, total)
              : new LbEvent.PanicLeft(service, usable, total));
    }
    if (lastLocalShare >= 0 && Math.abs(lastLocalShare - localShare) > 1e-9 && zoneConfigured) {
      emit(new LbEvent.ZoneSpillChanged(service, lastLocalShare * 100, localShare * 100));
    }
    lastLocalShare = localShare;
  }

  /** Control plane. */
  void emit(LbEvent event) {
    for (LbEvent.Listener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("Ballast event listener failed", e);
      }
    }
  }
}
