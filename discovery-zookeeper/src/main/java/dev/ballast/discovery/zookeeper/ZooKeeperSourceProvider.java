package dev.ballast.discovery.zookeeper;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.Durations;
import dev.ballast.lb.EndpointSourceProvider;
import java.time.Duration;

/**
 * {@code discovery=zookeeper}: a service's instances from ZooKeeper, through Apache Curator. Keys
 * under {@code ballast.http.services.<svc>.discovery.zookeeper.}:
 *
 * <pre>
 * connect              ZooKeeper connect string, host:port[,host:port...] (required)
 * path                 the node whose children are the instances (default /services/&lt;svc&gt;)
 * format               curator (default): children registered by curator-x-discovery, JSON with
 *                      a payload carrying zone (and weight); plain: each child's data is one
 *                      entry of endpoints=, e.g. http://10.0.1.5:8080;zone=a;weight=2
 * session-timeout      duration (default 60s)
 * connection-timeout   duration (default 15s)
 * </pre>
 *
 * With Curator's recipe, the instances of service {@code orders} registered under base path {@code
 * /services} live at {@code /services/orders}, the default path. Stateless and thread-safe.
 */
public final class ZooKeeperSourceProvider implements EndpointSourceProvider {
  /** The source's name in {@code discovery=}. */
  public static final String NAME = "zookeeper";

  /** Found by {@link java.util.ServiceLoader}. */
  public ZooKeeperSourceProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    String connect =
        keys.required("connect", "a ZooKeeper connect string host:port[,host:port...]");
    String path = keys.string("path", "/services/" + service);
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      keys.problem("path", path, "an absolute ZooKeeper path such as /services/" + service);
    }
    NodeFormat format =
        keys.choice("format", NodeFormat.CURATOR, NodeFormat::of, NodeFormat.EXPECTED);
    Duration session = keys.duration("session-timeout", Duration.ofSeconds(60));
    Duration connection = keys.duration("connection-timeout", Duration.ofSeconds(15));
    positive(keys, "session-timeout", session);
    positive(keys, "connection-timeout", connection);
    return new ZooKeeperDiscovery(service, connect, path, format, session, connection);
  }

  private static void positive(ConfigReader.Scope keys, String key, Duration value) {
    if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
      keys.problem(key, Durations.format(value), "a positive duration up to 24 days");
    }
  }
}
