package dev.ballast.discovery.zookeeper;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the children of one ZooKeeper path with a Curator {@link CuratorCache}: every change (an
 * instance registered, deregistered, or gone with its session) makes a complete set of the
 * children's instances, delivered whole. While the connection is suspended or lost the listener
 * gets an error, so the last known set stays in use; once reconnected the cache re-reads the path
 * and updates resume.
 *
 * <p>A child whose data cannot be read as an instance is skipped and logged once per change of that
 * node: one bad registration must not freeze the service's membership.
 *
 * <p>Threading: cache and connection events arrive on Curator's threads; each set is computed and
 * delivered under this object's lock, so sets reach the listener one at a time.
 */
final class ZooKeeperDiscovery implements Discovery {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

  private final String service;
  private final String connect;
  private final String path;
  private final NodeFormat format;
  private final Duration sessionTimeout;
  private final Duration connectionTimeout;

  ZooKeeperDiscovery(
      String service,
      String connect,
      String path,
      NodeFormat format,
      Duration sessionTimeout,
      Duration connectionTimeout) {
    this.service = requireNonNull(service, "service");
    this.connect = requireNonNull(connect, "connect");
    this.path = requireNonNull(path, "path");
    this.format = requireNonNull(format, "format");
    this.sessionTimeout = requireNonNull(sessionTimeout, "sessionTimeout");
    this.connectionTimeout = requireNonNull(connectionTimeout, "connectionTimeout");
  }

  @Override
  public AutoCloseable start(DiscoveryListener listener) {
    CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(connect)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs((int) connectionTimeout.toMillis())
            // Operations retry for about a minute; the connection itself reconnects forever.
            .retryPolicy(new ExponentialBackoffRetry(100, 10, 5_000))
            .build();
    CuratorCache cache = CuratorCache.build(client, path);
    Watch watch = new Watch(listener, cache);
    client.getConnectionStateListenable().addListener((c, state) -> watch.onState(state));
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forInitialized(watch::publish)
                .afterInitialized()
                .forAll((type, before, after) -> watch.publish())
                .build());
    client.start();
    cache.start();
    return () -> {
      cache.close();
      client.close();
    };
  }

  private final class Watch {
    private final DiscoveryListener listener;
    private final CuratorCache cache;
    private final Map<String, String> badNodes = new HashMap<>();
    private boolean initialized;

    Watch(DiscoveryListener listener, CuratorCache cache) {
      this.listener = listener;
      this.cache = cache;
    }

    synchronized void onState(ConnectionState state) {
      switch (state) {
        case SUSPENDED, LOST ->
            listener.onError(
                "connection to ZooKeeper " + connect + " " + state.name().toLowerCase(Locale.ROOT),
                null);
        case RECONNECTED -> {
          // The cache re-reads the path after a reconnect and reports what changed; the set it
          // holds now is the last one seen, which is what the listener still uses.
          if (initialized) {
            publish();
          }
        }
        default -> {}
      }
    }

    synchronized void publish() {
      initialized = true;
      List<DiscoveredEndpoint> endpoints = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      Set<String> seen = new HashSet<>();
      cache.stream()
          .filter(d -> ZKPaths.getPathAndNode(d.getPath()).getPath().equals(path))
          .sorted((a, b) -> a.getPath().compareTo(b.getPath()))
          .forEach(d -> add(d, endpoints, ids, seen));
      badNodes.keySet().retainAll(seen);
      listener.onEndpoints(endpoints);
    }

    private void add(ChildData d, List<DiscoveredEndpoint> out, Set<String> ids, Set<String> seen) {
      byte[] data = d.getData();
      String node = d.getPath();
      seen.add(node);
      try {
        if (data == null || data.length == 0) {
          throw new IllegalArgumentException("an instance, found no data");
        }
        DiscoveredEndpoint e = format.parse(data);
        if (ids.add(e.endpoint().id())) {
          out.add(e);
        }
        badNodes.remove(node);
      } catch (Exception e) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(badNodes.put(node, problem))) {
          log.warn(
              "Service '{}': skipping ZooKeeper node {} ({} format): {}",
              service,
              node,
              format.name().toLowerCase(Locale.ROOT),
              problem);
        }
      }
    }
  }
}
