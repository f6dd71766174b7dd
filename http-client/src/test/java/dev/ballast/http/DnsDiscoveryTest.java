package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.DnsServer;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code discovery=dns} end to end: a real DNS server on loopback (testkit's {@link DnsServer})
 * whose A and AAAA records the test changes, and real HTTP instances on the addresses it lists
 * (IPv4 and ::1), all on one port as behind a Kubernetes headless service. Records use a TTL of 1
 * s, so changes are followed within about a second; the waits are conditions with generous bounds,
 * never sleeps.
 */
class DnsDiscoveryTest {
  private static final String SVC = "ballast.http.services.orders.";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int PORT = freePort();

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("dns-a")
              .instance("a1", "a", "127.0.1.1", PORT)
              .instance("a2", "a", "127.0.1.2", PORT)
              .instance("b1", "b", "127.0.2.1", PORT)
              .instance("b2", "b", "127.0.2.2", PORT)
              .instance("v6", "c", "::1", PORT));

  private static DnsServer dns;

  @BeforeAll
  static void startDns() {
    dns = DnsServer.builder().build();
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @BeforeEach
  void reset() {
    dns.clear().behaviour(DnsServer.Behaviour.ANSWER).authoritative(true);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.1.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties props(String name) {
    Properties p = new Properties();
    p.setProperty(SVC + "discovery", "dns");
    p.setProperty(SVC + "discovery.dns.name", name);
    p.setProperty(SVC + "discovery.dns.port", String.valueOf(PORT));
    p.setProperty(SVC + "discovery.dns.server", dns.hostAndPort());
    p.setProperty(SVC + "discovery.dns.zones", "127.0.1.0/24=a,127.0.2.0/24=b,::1/128=c");
    p.setProperty(SVC + "discovery.dns.min-ttl", "200ms");
    p.setProperty(SVC + "discovery.dns.max-ttl", "2s");
    p.setProperty(SVC + "discovery.dns.query-timeout", "300ms");
    p.setProperty(SVC + "strategy", "round-robin");
    return p;
  }

  private static ServiceResponse get(BallastHttpClient client, String path) {
    return client.send(ServiceRequest.get("orders", path).build());
  }

  /**
   * Calls until every listed instance answered one, bounded by {@link #WAIT}; before the first set
   * arrives calls find no endpoint.
   */
  private static void awaitCalled(BallastHttpClient client, HttpInstance... instances) {
    await()
        .atMost(WAIT)
        .ignoreException(NoAvailableEndpointException.class)
        .untilAsserted(
            () -> {
              for (int i = 0; i < 8; i++) {
                assertThat(get(client, "/wait").statusCode()).isEqualTo(200);
              }
              for (HttpInstance instance : instances) {
                assertThat(instance.requestCount()).as(instance.id()).isPositive();
              }
            });
  }

  @Test
  void callsReachTheResolvedAddressesWithZonesFromSubnetsAndFollowRecordChanges() {
    String name = "follow.orders.test";
    dns.a(name, 1, "127.0.1.1", "127.0.2.1").aaaa(name, 1);
    HttpInstance a1 = farm.instance("a1");
    HttpInstance b1 = farm.instance("b1");
    HttpInstance b2 = farm.instance("b2");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props(name))) {
      awaitCalled(client, a1, b1);
      Map<String, String> zones = new TreeMap<>();
      for (int i = 0; i < 10; i++) {
        ServiceResponse r = get(client, "/zones");
        zones.put(r.endpoint().host(), r.endpoint().zone());
        assertThat(r.header("X-Zone")).contains(r.endpoint().zone());
      }
      assertThat(zones).isEqualTo(Map.of("127.0.1.1", "a", "127.0.2.1", "b"));
      assertThat(farm.instance("a2").requestCount() + b2.requestCount()).isZero();

      // Scaled up: a record added is called within its TTL.
      dns.a(name, 1, "127.0.1.1", "127.0.2.1", "127.0.2.2");
      awaitCalled(client, b2);

      // Scaled down while a call is in flight on the leaving instance: that call completes
      // (drained, not cut), and the instance gets no new call once the record is gone.
      a1.latency(Duration.ofMillis(1500));
      CompletableFuture<ServiceResponse> inFlight = null;
      for (int i = 0; i < 6 && inFlight == null; i++) {
        long seen = a1.requestCount();
        CompletableFuture<ServiceResponse> f =
            client.sendAsync(ServiceRequest.get("orders", "/slow").build());
        await().atMost(WAIT).until(() -> f.isDone() || a1.requestCount() > seen);
        // The only call outstanding, not done, and a1 received one: it is on a1.
        if (f.isDone()) {
          assertThat(f.join().statusCode()).isEqualTo(200);
        } else {
          inFlight = f;
        }
      }
      assertThat(inFlight).as("a call on a1").isNotNull();
      dns.a(name, 1, "127.0.2.1", "127.0.2.2");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                long a1Calls = a1.requestCount();
                for (int i = 0; i < 6; i++) {
                  assertThat(get(client, "/after").statusCode()).isEqualTo(200);
                }
                assertThat(a1.requestCount()).isEqualTo(a1Calls);
              });
      assertThat(inFlight.join().statusCode()).isEqualTo(200);
      assertThat(inFlight.join().endpoint().host()).isEqualTo("127.0.1.1");
    }
  }

  @Test
  void aaaaRecordsAreEndpointsToo() {
    String name = "six.orders.test";
    dns.a(name, 1, "127.0.1.2").aaaa(name, 1, "::1");
    HttpInstance v6 = farm.instance("v6");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props(name))) {
      awaitCalled(client, farm.instance("a2"), v6);
      Map<String, String> zones = new TreeMap<>();
      for (int i = 0; i < 6; i++) {
        ServiceResponse r = get(client, "/six");
        zones.put(r.endpoint().host(), r.endpoint().zone());
      }
      assertThat(zones).isEqualTo(Map.of("127.0.1.2", "a", "::1", "c"));
    }
  }

  @Test
  void keepsTheLastKnownSetWhileTheServerIsSilentThenFollowsAgain() {
    String name = "outage.orders.test";
    dns.a(name, 1, "127.0.1.1").aaaa(name, 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpInstance a1 = farm.instance("a1");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props(name), registry)) {
      awaitCalled(client, a1);
      double updatesBefore = counter(registry, "ballast.discovery.updates");

      dns.behaviour(DnsServer.Behaviour.SILENT);
      await().atMost(WAIT).until(() -> counter(registry, "ballast.discovery.errors") >= 2);
      await()
          .atMost(WAIT)
          .until(() -> registry.get("ballast.discovery.staleness").gauge().value() > 1.5);
      int failed = 0;
      for (int i = 0; i < 50; i++) {
        if (get(client, "/outage").statusCode() != 200) {
          failed++;
        }
      }
      assertThat(failed).isZero();
      assertThat(counter(registry, "ballast.discovery.updates")).isEqualTo(updatesBefore);

      // Back, with an instance more: updates resume.
      dns.a(name, 1, "127.0.1.1", "127.0.1.2").behaviour(DnsServer.Behaviour.ANSWER);
      awaitCalled(client, farm.instance("a2"));
      assertThat(counter(registry, "ballast.discovery.updates")).isGreaterThan(updatesBefore);
      assertThat(registry.get("ballast.discovery.staleness").gauge().value()).isLessThan(5.0);
    }
  }

  @Test
  void anAuthoritativeAnswerWithNoAddressIsHonouredAsScaledToZero() {
    String name = "zero.orders.test";
    dns.a(name, 1, "127.0.2.1").aaaa(name, 1);
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props(name))) {
      awaitCalled(client, farm.instance("b1"));
      dns.a(name, 1);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> get(client, "/zero"))
                      .isInstanceOf(NoAvailableEndpointException.class)
                      .hasMessageContaining("service 'orders' has no endpoints")
                      .hasMessageContaining("discovery 'dns': up to date, 0 endpoints"));
      dns.a(name, 1, "127.0.2.2");
      awaitCalled(client, farm.instance("b2"));
    }
  }

  @Test
  void closingTheClientEndsTheResolverThread() {
    String name = "close.orders.test";
    dns.a(name, 1, "127.0.1.2").aaaa(name, 1);
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props(name))) {
      awaitCalled(client, farm.instance("a2"));
      assertThat(dnsThreads()).isPositive();
    }
    await().atMost(WAIT).until(() -> dnsThreads() == 0);
  }

  private static long dnsThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ballast-dns-discovery"))
        .count();
  }

  private static double counter(SimpleMeterRegistry registry, String name) {
    return registry
        .get(name)
        .tag("service", "orders")
        .tag("source", "dns")
        .functionCounter()
        .count();
  }
}
