package dev.ballast.eureka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.eureka.client.InventoryClientApp;
import dev.ballast.eureka.server.EurekaServerApp;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * {@code discovery=spring-cloud} fed by a real Eureka server: the server runs in this JVM on a
 * random port, real testkit instances in zones a and b are registered through its REST API, and an
 * application in zone a with the Ballast starter and a Eureka client calls {@code inventory}
 * through Boot's {@code RestClient}. Ballast's fallback re-read is off, so every change of the set
 * comes from the {@code HeartbeatEvent} the Eureka client publishes after a registry fetch. One
 * server, one client context and one farm for the class; each test leaves Eureka as it found it.
 */
class EurekaDiscoveryTest {
  private static final String APP = "INVENTORY";
  private static final List<String> FIRST = List.of("a1", "a2", "b1");

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("eureka")
              .instance("a1", "a")
              .instance("a2", "a")
              .instance("a3", "a")
              .instance("b1", "b"));

  private static ConfigurableApplicationContext server;
  private static ConfigurableApplicationContext client;
  private static EurekaRestApi eureka;

  @BeforeAll
  static void startEurekaAndTheClient() throws IOException {
    int port = freePort();
    server =
        new SpringApplicationBuilder(EurekaServerApp.class)
            .properties(
                "server.port=" + port,
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "eureka.dashboard.enabled=false",
                // a lone server: its only peer URL is its own, which it recognises by host name
                "eureka.instance.hostname=127.0.0.1",
                "eureka.client.register-with-eureka=false",
                "eureka.client.fetch-registry=false",
                "eureka.client.service-url.defaultZone=http://127.0.0.1:" + port + "/eureka/",
                "eureka.server.wait-time-in-ms-when-sync-empty=0",
                // changes visible at once: no self-preservation, no read-only cache layer
                "eureka.server.enable-self-preservation=false",
                "eureka.server.eviction-interval-timer-in-ms=1000",
                "eureka.server.use-read-only-response-cache=false",
                "eureka.server.response-cache-update-interval-ms=500")
            .run();
    eureka = new EurekaRestApi(port);
    for (String id : FIRST) {
      eureka.register(APP, farm.instance(id));
    }
    client =
        new SpringApplicationBuilder(InventoryClientApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "eureka.client.service-url.defaultZone=http://127.0.0.1:" + port + "/eureka/",
                "eureka.client.register-with-eureka=false",
                // Jersey is here only for the server; the client talks through Boot's RestClient
                "eureka.client.jersey.enabled=false",
                "eureka.client.registry-fetch-interval-seconds=1",
                "eureka.client.initial-instance-info-replication-interval-seconds=1",
                "ballast.zone=a",
                "ballast.http.services.inventory.discovery=spring-cloud",
                // No fallback re-read during the class: every change must come from a heartbeat.
                "ballast.http.services.inventory.discovery.spring-cloud.refresh-interval=1h",
                "ballast.http.services.inventory.retry.backoff=1ms")
            .run();
  }

  /** A port free now; Eureka must know its own URL before it starts, so port 0 will not do. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void restoreTheRegistry() {
    for (HttpInstance instance : farm.instances()) {
      boolean wanted = FIRST.contains(instance.id());
      if (eureka.isRegistered(APP, instance.id()) != wanted) {
        if (wanted) {
          eureka.register(APP, instance);
        } else {
          eureka.deregister(APP, instance.id());
        }
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> endpointIds().equals(new TreeSet<>(FIRST)));
  }

  @Test
  void callsReachTheRegisteredInstancesOfTheLocalZoneOnly() {
    await().atMost(Duration.ofSeconds(30)).until(() -> endpointIds().equals(new TreeSet<>(FIRST)));
    assertThat(ballast().loadBalancer("inventory").endpoints())
        .extracting(s -> s.endpoint().id() + "@" + s.endpoint().zone())
        .containsExactlyInAnyOrder("a1@a", "a2@a", "b1@b");
    assertThat(client.getBean(InventoryClientApp.Heartbeats.class).count())
        .as("HeartbeatEvents from the Eureka client")
        .isPositive();

    RestClient rest = client.getBean(RestClient.Builder.class).build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      ResponseEntity<String> r =
          rest.get().uri("http://inventory/items/" + i).retrieve().toEntity(String.class);
      assertThat(r.getStatusCode().value()).isEqualTo(200);
      seen.add(r.getBody());
    }
    // zone a is healthy, so zone-aware routing keeps every call in it
    assertThat(seen).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void aDeregisteredInstanceIsDrainedAndANewOneTakesCallsWithoutAFailedCall() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> endpointIds().equals(new TreeSet<>(FIRST)));
    HttpInstance a1 = farm.instance("a1");
    HttpInstance a3 = farm.instance("a3");
    InventoryClientApp.Heartbeats heartbeats = client.getBean(InventoryClientApp.Heartbeats.class);
    RestClient rest = client.getBean(RestClient.Builder.class).build();
    try (RestLoad load = new RestLoad(rest)) {
      load.awaitCalls(200);
      int heartbeatsBefore = heartbeats.count();
      eureka.register(APP, a3);
      eureka.deregister(APP, "a1");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> endpointIds().equals(Set.of("a2", "a3", "b1")));
      assertThat(heartbeats.count())
          .as("the change came with a HeartbeatEvent")
          .isGreaterThan(heartbeatsBefore);
      // a1 left the set: drained, its connections close once idle, and it gets nothing more
      await().atMost(Duration.ofSeconds(30)).until(() -> a1.activeConnections() == 0);
      a1.mark();
      a3.mark();
      load.awaitCalls(load.calls() + 300);
      assertThat(a1.countSinceMark()).as("calls to the deregistered a1").isZero();
      assertThat(a3.countSinceMark()).as("calls to the new a3").isPositive();
      load.stop();
      assertThat(load.failures()).as("failed calls").isEmpty();
    }
  }

  private static BallastHttpClient ballast() {
    return client.getBean(BallastHttpClient.class);
  }

  private static Set<String> endpointIds() {
    Set<String> ids = new TreeSet<>();
    for (EndpointStatus s : ballast().loadBalancer("inventory").endpoints()) {
      ids.add(s.endpoint().id());
    }
    return ids;
  }
}
