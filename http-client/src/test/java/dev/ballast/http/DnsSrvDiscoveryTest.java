package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.DnsServer;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import dev.ballast.testkit.SrvRecord;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code discovery=dns-srv} end to end: SRV records on a real DNS server on loopback point at real
 * HTTP instances, each on its own port; the records' ports and weights are honoured, only the
 * lowest priority is called, and a change of the records is followed within their 1 s TTL.
 */
class DnsSrvDiscoveryTest {
  private static final String SVC = "ballast.http.services.orders.";
  private static final String SRV = "_http._tcp.orders.srv.test";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("dns-srv")
              .instance("light", "a")
              .instance("heavy", "b")
              .instance("backup", "a"));

  private static DnsServer dns;

  @BeforeAll
  static void startDns() {
    dns = DnsServer.builder().build();
    for (String target : new String[] {"light", "heavy", "backup"}) {
      dns.a(target + ".srv.test", 1, "127.0.0.1").aaaa(target + ".srv.test", 1);
    }
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  private static SrvRecord record(int priority, int weight, String id) {
    return new SrvRecord(priority, weight, farm.instance(id).port(), id + ".srv.test");
  }

  @Test
  void callsTheLowestPriorityTargetsAtTheirPortsInProportionToTheirWeights() {
    dns.srv(SRV, 1, record(0, 1, "light"), record(0, 3, "heavy"), record(1, 10, "backup"));
    Properties p = new Properties();
    p.setProperty(SVC + "discovery", "dns-srv");
    p.setProperty(SVC + "discovery.dns.name", SRV);
    p.setProperty(SVC + "discovery.dns.server", dns.hostAndPort());
    p.setProperty(SVC + "discovery.dns.min-ttl", "200ms");
    p.setProperty(SVC + "discovery.dns.max-ttl", "2s");
    p.setProperty(SVC + "strategy", "weighted-round-robin");
    HttpInstance light = farm.instance("light");
    HttpInstance heavy = farm.instance("heavy");
    HttpInstance backup = farm.instance("backup");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
      await()
          .atMost(WAIT)
          .ignoreException(NoAvailableEndpointException.class)
          .until(() -> send(client).statusCode() == 200);
      farm.farm().resetCounters();
      for (int i = 0; i < 400; i++) {
        ServiceResponse r = send(client);
        assertThat(r.statusCode()).isEqualTo(200);
      }
      // Weighted round robin is a schedule, not a draw: 1:3 of 400 is 100:300, give or take the
      // schedule's phase.
      assertThat(light.requestCount()).isBetween(95L, 105L);
      assertThat(heavy.requestCount()).isBetween(295L, 305L);
      assertThat(backup.requestCount()).as("priority 1 is a backup").isZero();

      // The priority-0 targets leave the records: the backup group is the lowest now.
      dns.srv(SRV, 1, record(1, 10, "backup"));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                long before = light.requestCount() + heavy.requestCount();
                for (int i = 0; i < 4; i++) {
                  assertThat(send(client).statusCode()).isEqualTo(200);
                }
                assertThat(light.requestCount() + heavy.requestCount()).isEqualTo(before);
              });
      assertThat(backup.requestCount()).isPositive();
    }
  }

  private static ServiceResponse send(BallastHttpClient client) {
    return client.send(ServiceRequest.get("orders", "/srv").build());
  }
}
