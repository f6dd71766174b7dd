package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.spring.boot.gateway.GatewayApp;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * {@code discovery=spring-cloud} in a running application: Spring Cloud's {@code
 * SimpleDiscoveryClient} lists real testkit instances in zones a and b under the Spring Cloud
 * service id {@code orders-registry}; Ballast's service {@code orders} (this process in zone a) is
 * fed from it. One farm and one context for the class; each test leaves the registry as it found
 * it.
 */
@SpringBootTest(
    classes = {GatewayApp.class, SpringCloudDiscoveryTest.Registry.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpringCloudDiscoveryTest {
  private static final String REGISTRY_ID = "orders-registry";
  private static final List<String> FIRST = List.of("a1", "a2", "b1", "b2");

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("spring-cloud")
              .instance("a1", "a")
              .instance("a2", "a")
              .instance("a3", "a")
              .instance("b1", "b")
              .instance("b2", "b")
              .instance("w1", "c"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    String simple = "spring.cloud.discovery.client.simple.instances.";
    for (int i = 0; i < FIRST.size(); i++) {
      HttpInstance instance = farm.farm().instance(FIRST.get(i));
      String prefix = simple + REGISTRY_ID + "[" + i + "].";
      registry.add(prefix + "uri", () -> "http://127.0.0.1:" + instance.port());
      registry.add(prefix + "instance-id", instance::id);
      registry.add(prefix + "metadata.zone", instance::zone);
    }
    // billing: one instance whose zone sits under another metadata key, with a weight
    HttpInstance w1 = farm.farm().instance("w1");
    registry.add(simple + "billing[0].uri", () -> "http://127.0.0.1:" + w1.port());
    registry.add(simple + "billing[0].instance-id", w1::id);
    registry.add(simple + "billing[0].metadata.availability-zone", () -> "c");
    registry.add(simple + "billing[0].metadata.weight", () -> "3");

    registry.add("ballast.zone", () -> "a");
    registry.add("ballast.http.services.orders.discovery", () -> "spring-cloud");
    registry.add(
        "ballast.http.services.orders.discovery.spring-cloud.service-id", () -> REGISTRY_ID);
    // No fallback re-read during the test: every change of orders must come from a heartbeat.
    registry.add(
        "ballast.http.services.orders.discovery.spring-cloud.refresh-interval", () -> "1h");
    registry.add("ballast.http.services.orders.retry.backoff", () -> "1ms");
    registry.add("ballast.http.services.billing.discovery", () -> "spring-cloud");
    registry.add(
        "ballast.http.defaults.discovery.spring-cloud.zone-metadata-key",
        () -> "availability-zone");
    registry.add(
        "ballast.http.services.orders.discovery.spring-cloud.zone-metadata-key", () -> "zone");
    // billing has no heartbeat-driven test: its changes come from the fallback re-read
    registry.add(
        "ballast.http.services.billing.discovery.spring-cloud.refresh-interval", () -> "200ms");
  }

  @Autowired BallastHttpClient ballast;
  @Autowired RestClient.Builder restClientBuilder;
  @Autowired SimpleDiscoveryProperties simple;
  @Autowired ApplicationEventPublisher events;
  @Autowired Registry.Flaky flaky;
  @Autowired MeterRegistry meters;

  @AfterEach
  void restoreTheRegistry() {
    flaky.failing.set(false);
    setInstances(REGISTRY_ID, FIRST);
    heartbeat("restore");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> endpointIds("orders").equals(new TreeSet<>(FIRST)));
  }

  @Test
  void callsGoThroughBallastToTheLocalZoneOfTheRegistrysInstances() {
    assertThat(ballast.loadBalancer("orders").endpoints())
        .extracting(s -> s.endpoint().id() + "@" + s.endpoint().zone())
        .containsExactlyInAnyOrder("a1@a", "a2@a", "b1@b", "b2@b");

    RestClient client = restClientBuilder.build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      ResponseEntity<String> r =
          client.get().uri("http://orders/items/" + i).retrieve().toEntity(String.class);
      assertThat(r.getStatusCode().value()).isEqualTo(200);
      seen.add(r.getBody());
    }
    // zone a is healthy, so zone-aware routing keeps every call in it
    assertThat(seen).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void zoneAndWeightComeFromTheConfiguredMetadataKeys() {
    assertThat(ballast.loadBalancer("billing").endpoints())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.endpoint().id()).isEqualTo("w1");
              assertThat(s.endpoint().zone()).isEqualTo("c");
              assertThat(s.endpoint().weight()).isEqualTo(3);
            });
    assertThat(ballast.send(ServiceRequest.get("billing", "/x").build()).bodyAsString())
        .isEqualTo("w1");
  }

  @Test
  void aHeartbeatAfterTheRegistryChangedReplacesAnInstanceWithoutAFailedCall() throws Exception {
    HttpInstance a1 = farm.farm().instance("a1");
    HttpInstance a3 = farm.farm().instance("a3");
    try (Load load = new Load(ballast)) {
      load.awaitCalls(200);
      setInstances(REGISTRY_ID, List.of("a2", "a3", "b1", "b2"));
      // No heartbeat yet, and no fallback re-read for an hour: the set is still the old one.
      load.awaitCalls(load.calls() + 100);
      assertThat(endpointIds("orders")).containsExactlyInAnyOrderElementsOf(FIRST);

      heartbeat("v2");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> endpointIds("orders").equals(Set.of("a2", "a3", "b1", "b2")));
      // a1 left the set: drained, its connections close once idle, and it gets nothing more.
      await().atMost(Duration.ofSeconds(10)).until(() -> a1.activeConnections() == 0);
      a1.mark();
      a3.mark();
      load.awaitCalls(load.calls() + 300);
      assertThat(a1.countSinceMark()).isZero();
      assertThat(a3.countSinceMark()).isPositive();
      load.stop();
      assertThat(load.failures).as("failed calls").isEmpty();
    }
  }

  @Test
  void aFailingRegistryKeepsTheLastKnownSetAndCountsTheError() throws Exception {
    try (Load load = new Load(ballast)) {
      load.awaitCalls(100);
      flaky.failing.set(true);
      setInstances(REGISTRY_ID, List.of("a3"));
      heartbeat("broken");
      await().atMost(Duration.ofSeconds(10)).until(() -> errors("orders") >= 1);
      load.awaitCalls(load.calls() + 200);
      assertThat(endpointIds("orders")).containsExactlyInAnyOrderElementsOf(FIRST);

      flaky.failing.set(false);
      heartbeat("healed");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> endpointIds("orders").equals(Set.of("a3")));
      load.awaitCalls(load.calls() + 100);
      load.stop();
      assertThat(load.failures).as("failed calls").isEmpty();
    }
  }

  @Test
  void withoutHeartbeatsTheFallbackReReadFollowsTheRegistry() {
    try {
      setInstances("billing", List.of("w1", "a3"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> endpointIds("billing").equals(Set.of("w1", "a3")));
    } finally {
      setInstances("billing", List.of("w1"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> endpointIds("billing").equals(Set.of("w1")));
  }

  private void heartbeat(Object state) {
    events.publishEvent(new HeartbeatEvent(this, state));
  }

  private double errors(String service) {
    FunctionCounter c =
        meters
            .find("ballast.discovery.errors")
            .tag("service", service)
            .tag("source", "spring-cloud")
            .functionCounter();
    return c == null ? 0 : c.count();
  }

  private Set<String> endpointIds(String service) {
    Set<String> ids = new TreeSet<>();
    for (EndpointStatus s : ballast.loadBalancer(service).endpoints()) {
      ids.add(s.endpoint().id());
    }
    return ids;
  }

  /** Replaces the simple registry's list for {@code serviceId} with these farm instances. */
  private void setInstances(String serviceId, List<String> ids) {
    Map<String, List<InstanceProperties>> all = new LinkedHashMap<>(simple.getInstances());
    List<InstanceProperties> list = new ArrayList<>();
    for (String id : ids) {
      HttpInstance instance = farm.farm().instance(id);
      InstanceProperties p = new InstanceProperties();
      p.setServiceId(serviceId);
      p.setInstanceId(id);
      p.setUri(java.net.URI.create("http://127.0.0.1:" + instance.port()));
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(serviceId.equals("billing") ? "availability-zone" : "zone", instance.zone());
      if (id.equals("w1")) {
        metadata.put("weight", "3");
      }
      p.setMetadata(metadata);
      list.add(p);
    }
    all.put(serviceId, list);
    simple.setInstances(all);
  }

  /** GETs and POSTs through Ballast from two threads until stopped (at most 60 s, 20 000 calls). */
  private static final class Load implements AutoCloseable {
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Load(BallastHttpClient client) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int t = 0; t < 2; t++) {
        int worker = t;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 10_000 && !stop.get() && System.nanoTime() < deadline; i++) {
                    ServiceRequest request =
                        i % 5 == 4
                            ? ServiceRequest.post("orders", "/w" + worker).body("x").build()
                            : ServiceRequest.get("orders", "/w" + worker).build();
                    try {
                      ServiceResponse r = client.send(request);
                      if (r.statusCode() != 200) {
                        failures.add(request + ": " + r.statusCode());
                      }
                    } catch (RuntimeException e) {
                      failures.add(request + ": " + e);
                    }
                    calls.incrementAndGet();
                  }
                },
                "spring-cloud-load-" + t);
        thread.start();
        threads.add(thread);
      }
    }

    int calls() {
      return calls.get();
    }

    void awaitCalls(int n) {
      await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= n);
    }

    void stop() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  /** A second DiscoveryClient, asked first by Spring Cloud's composite, that fails on demand. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    Flaky flakyDiscoveryClient() {
      return new Flaky();
    }

    static final class Flaky implements DiscoveryClient {
      final AtomicBoolean failing = new AtomicBoolean();

      @Override
      public String description() {
        return "flaky test registry";
      }

      @Override
      public List<ServiceInstance> getInstances(String serviceId) {
        if (failing.get()) {
          throw new IllegalStateException("registry unreachable");
        }
        return List.of();
      }

      @Override
      public List<String> getServices() {
        return List.of();
      }

      @Override
      public int getOrder() {
        return -1;
      }
    }
  }
}
