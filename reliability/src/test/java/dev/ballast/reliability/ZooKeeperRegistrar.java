package dev.ballast.reliability;

import dev.ballast.testkit.HttpInstance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

/**
 * Registers testkit instances in ZooKeeper the way a deployed application does, with Curator's
 * service discovery recipe under base path {@code /services} and a payload carrying the zone: each
 * registration is an ephemeral node of this registrar's session, and Curator registers it again if
 * the session is ever replaced. One registrar stands for the whole fleet (each instance would have
 * its own session in production; the scenarios never expire one).
 *
 * <p>The session timeout (60 s) outlasts the scenarios' 30 s ZooKeeper outage, as a production
 * setting would have to for the registrations to survive it.
 */
final class ZooKeeperRegistrar implements AutoCloseable {
  /** The payload: Jackson writes it as {@code {"zone":"a"}}, which the source reads. */
  public record Details(String zone) {}

  private final CuratorFramework client;
  private final ServiceDiscovery<Details> discovery;
  private final Map<String, ServiceInstance<Details>> registered = new ConcurrentHashMap<>();

  ZooKeeperRegistrar(String connect) throws Exception {
    client =
        CuratorFrameworkFactory.newClient(
            connect, 60_000, 5_000, new ExponentialBackoffRetry(100, 10, 2_000));
    client.start();
    discovery =
        ServiceDiscoveryBuilder.builder(Details.class)
            .client(client)
            .basePath("/services")
            .serializer(new JsonInstanceSerializer<>(Details.class, false))
            .build();
    discovery.start();
  }

  /** Registers {@code instance} as one of {@code service}'s (blocks until ZooKeeper has it). */
  void register(String service, HttpInstance instance) throws Exception {
    ServiceInstance<Details> registration =
        ServiceInstance.<Details>builder()
            .id(instance.id())
            .name(service)
            .address(instance.host())
            .port(instance.port())
            .payload(new Details(instance.zone()))
            .build();
    discovery.registerService(registration);
    registered.put(instance.id(), registration);
  }

  /** Deregisters {@code instance} (blocks until ZooKeeper removed it). */
  void deregister(HttpInstance instance) throws Exception {
    ServiceInstance<Details> registration = registered.remove(instance.id());
    if (registration != null) {
      discovery.unregisterService(registration);
    }
  }

  @Override
  public void close() throws Exception {
    discovery.close();
    client.close();
  }
}
