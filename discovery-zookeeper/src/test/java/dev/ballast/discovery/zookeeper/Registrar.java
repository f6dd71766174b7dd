package dev.ballast.discovery.zookeeper;

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
 * Registers testkit instances the way an application does with Curator's service discovery recipe
 * (base path {@code /services}), with a payload carrying the zone. Its serializer is not in
 * Curator's compatible mode, the one that writes {@code enabled}.
 */
final class Registrar implements AutoCloseable {
  /** The payload an application might register: Jackson writes it as {@code {"zone":"a"}}. */
  public record Details(String zone, int weight) {}

  private final CuratorFramework client;
  private final ServiceDiscovery<Details> discovery;
  private final Map<String, ServiceInstance<Details>> registered = new ConcurrentHashMap<>();

  Registrar(String connect) throws Exception {
    client =
        CuratorFrameworkFactory.newClient(
            connect, 20_000, 5_000, new ExponentialBackoffRetry(100, 10, 2_000));
    client.start();
    discovery =
        ServiceDiscoveryBuilder.builder(Details.class)
            .client(client)
            .basePath("/services")
            .serializer(new JsonInstanceSerializer<>(Details.class, false))
            .build();
    discovery.start();
  }

  CuratorFramework client() {
    return client;
  }

  private static ServiceInstance<Details> instance(String service, HttpInstance i, boolean enabled)
      throws Exception {
    return ServiceInstance.<Details>builder()
        .id(i.id())
        .name(service)
        .address(i.host())
        .port(i.port())
        .payload(new Details(i.zone(), 1))
        .enabled(enabled)
        .build();
  }

  void register(String service, HttpInstance i) throws Exception {
    ServiceInstance<Details> inst = instance(service, i, true);
    discovery.registerService(inst);
    registered.put(i.id(), inst);
  }

  /** Marks the instance disabled: the source reports it draining. */
  void disable(String service, HttpInstance i) throws Exception {
    ServiceInstance<Details> inst = instance(service, i, false);
    discovery.updateService(inst);
    registered.put(i.id(), inst);
  }

  void unregister(HttpInstance i) throws Exception {
    ServiceInstance<Details> inst = registered.remove(i.id());
    if (inst != null) {
      discovery.unregisterService(inst);
    }
  }

  @Override
  public void close() throws Exception {
    discovery.close();
    client.close();
  }
}
