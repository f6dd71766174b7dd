package dev.ballast.http;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.testkit.HttpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Discovery} the test drives by hand, and its provider {@code discovery=scripted} (key
 * {@code scripted.script}, the name under which the test registered a script with {@link #named}).
 */
final class ScriptedDiscovery implements Discovery {
  private static final Map<String, ScriptedDiscovery> SCRIPTS = new ConcurrentHashMap<>();

  private volatile @Nullable DiscoveryListener listener;
  final AtomicInteger starts = new AtomicInteger();
  final AtomicInteger stops = new AtomicInteger();

  /** A new script reachable from properties as {@code discovery.scripted.script=<name>}. */
  static ScriptedDiscovery named(String name) {
    ScriptedDiscovery d = new ScriptedDiscovery();
    SCRIPTS.put(name, d);
    return d;
  }

  @Override
  public AutoCloseable start(DiscoveryListener l) {
    starts.incrementAndGet();
    listener = l;
    return stops::incrementAndGet;
  }

  private DiscoveryListener listener() {
    DiscoveryListener l = listener;
    if (l == null) {
      throw new IllegalStateException("not started");
    }
    return l;
  }

  static Endpoint endpoint(HttpInstance i) {
    return Endpoint.builder(i.host(), i.port()).zone(i.zone()).build();
  }

  /** Reports {@code serving} in rotation and {@code draining} on their way out. */
  void report(List<HttpInstance> serving, List<HttpInstance> draining) {
    List<DiscoveredEndpoint> out = new ArrayList<>();
    serving.forEach(i -> out.add(DiscoveredEndpoint.serving(endpoint(i))));
    draining.forEach(i -> out.add(DiscoveredEndpoint.draining(endpoint(i))));
    listener().onEndpoints(out);
  }

  void report(HttpInstance... serving) {
    report(List.of(serving), List.of());
  }

  void fail(String problem) {
    listener().onError(problem, null);
  }

  /** {@code discovery=scripted}. */
  public static final class Provider implements EndpointSourceProvider {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Discovery bind(String service, ConfigReader.Scope keys) {
      String name = keys.required("script", "the name of a script registered by the test");
      ScriptedDiscovery d = SCRIPTS.get(name);
      if (d == null) {
        keys.problem("script", name, "one of " + SCRIPTS.keySet());
        return l -> () -> {};
      }
      return d;
    }
  }
}
