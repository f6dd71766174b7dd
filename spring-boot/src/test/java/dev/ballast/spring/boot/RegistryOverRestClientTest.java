package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.spring.boot.gateway.GatewayApp;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A registry whose client reads through Boot's {@code RestClient.Builder}, as Spring Cloud
 * Netflix's Eureka client does: the source's first read happens while the Ballast client is being
 * built, and the builder it asks for carries Ballast's own customizer. That customizer must not
 * need the client yet, or the read fails on the bean cycle and the service starts with no instance
 * until the registry's next refresh (an hour here).
 */
@SpringBootTest(
    classes = {GatewayApp.class, RegistryOverRestClientTest.Registry.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegistryOverRestClientTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder().name("rest-registry").instance("a1", "a").instance("b1", "b"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ballast.zone", () -> "a");
    registry.add("ballast.http.services.orders.discovery", () -> "spring-cloud");
    registry.add(
        "ballast.http.services.orders.discovery.spring-cloud.service-id", () -> "orders-rest");
    // no fallback re-read and no heartbeat: the set is what the first read gave
    registry.add(
        "ballast.http.services.orders.discovery.spring-cloud.refresh-interval", () -> "1h");
  }

  @Autowired BallastHttpClient ballast;
  @Autowired RestClient.Builder restClientBuilder;
  @Autowired Registry.OverRestClient registry;

  @Test
  void theFirstReadThroughRestClientGivesTheInstancesAtStartUp() {
    assertThat(registry.errors).as("errors of the registry's reads").isEmpty();
    assertThat(registry.reads).isNotEmpty();
    assertThat(ballast.loadBalancer("orders").endpoints())
        .extracting(s -> s.endpoint().id())
        .containsExactlyInAnyOrder("a1", "b1");

    RestClient client = restClientBuilder.build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      seen.add(client.get().uri("http://orders/items/" + i).retrieve().body(String.class));
    }
    assertThat(seen).containsExactly("a1");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    OverRestClient restRegistryClient(ObjectProvider<RestClient.Builder> builders) {
      return new OverRestClient(builders);
    }

    /** Builds its transport from the context's {@code RestClient.Builder} on its first read. */
    static final class OverRestClient implements DiscoveryClient {
      final ConcurrentLinkedQueue<String> reads = new ConcurrentLinkedQueue<>();
      final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      private final ObjectProvider<RestClient.Builder> builders;

      OverRestClient(ObjectProvider<RestClient.Builder> builders) {
        this.builders = builders;
      }

      @Override
      public String description() {
        return "registry read through RestClient";
      }

      @Override
      public List<ServiceInstance> getInstances(String serviceId) {
        if (!serviceId.equals("orders-rest")) {
          return List.of();
        }
        reads.add(serviceId);
        try {
          // the transport a registry client builds on its first fetch
          builders.getObject().baseUrl(URI.create("http://127.0.0.1:1")).build();
        } catch (RuntimeException e) {
          errors.add(e.toString());
          throw e;
        }
        List<ServiceInstance> instances = new ArrayList<>();
        for (HttpInstance i : farm.farm().instances()) {
          instances.add(
              new DefaultServiceInstance(
                  i.id(), serviceId, "127.0.0.1", i.port(), false, Map.of("zone", i.zone())));
        }
        return instances;
      }

      @Override
      public List<String> getServices() {
        return List.of("orders-rest");
      }

      @Override
      public int getOrder() {
        return -1;
      }
    }
  }
}
