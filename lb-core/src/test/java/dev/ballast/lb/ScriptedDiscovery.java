package dev.ballast.lb;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@link Discovery} the test drives by hand: it records starts and stops. */
final class ScriptedDiscovery implements Discovery {
  private @Nullable DiscoveryListener listener;
  int starts;
  int stops;

  @Override
  public synchronized AutoCloseable start(DiscoveryListener l) {
    starts++;
    listener = l;
    return () -> {
      synchronized (ScriptedDiscovery.this) {
        stops++;
      }
    };
  }

  synchronized DiscoveryListener listener() {
    if (listener == null) {
      throw new IllegalStateException("not started");
    }
    return listener;
  }

  /** Reports {@code endpoints}, all serving. */
  void report(Endpoint... endpoints) {
    List<DiscoveredEndpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      out.add(new DiscoveredEndpoint(e, false));
    }
    listener().onEndpoints(out);
  }

  void fail(String problem) {
    listener().onError(problem, new IllegalStateException(problem));
  }

  static Endpoint endpoint(String id, String zone, int port) {
    return Endpoint.builder("127.0.0.1", port).id(id).zone(zone).build();
  }
}
