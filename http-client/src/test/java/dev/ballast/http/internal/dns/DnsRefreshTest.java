package dev.ballast.http.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.ConfigReader;
import dev.ballast.testkit.DnsServer;
import dev.ballast.testkit.SrvRecord;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The re-resolve schedule and what each kind of answer becomes, against a real DNS server on
 * loopback with time driven by a manual timer: the next resolution is due after the answer's TTL
 * clamped to [min-ttl, max-ttl], a failure is an error (never an empty set) retried with backoff,
 * and only an authoritative NODATA is an empty set.
 */
class DnsRefreshTest {
  private static final String NAME = "orders.svc.test";
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
    dns.clear().behaviour(DnsServer.Behaviour.ANSWER).authoritative(true).truncateUdp(false);
  }

  private static DnsSettings settings(boolean srv, String... keysAndValues) {
    String prefix = "ballast.http.services.orders.discovery.dns.";
    Properties p = new Properties();
    p.setProperty(prefix + "name", srv ? "_http._tcp." + NAME : NAME);
    if (!srv) {
      p.setProperty(prefix + "port", "8080");
    }
    p.setProperty(prefix + "server", dns.hostAndPort());
    p.setProperty(prefix + "zones", "127.0.1.0/24=a,127.0.2.0/24=b,::1/128=v6");
    p.setProperty(prefix + "query-timeout", "300ms");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(prefix + keysAndValues[i], keysAndValues[i + 1]);
    }
    ConfigReader reader = new ConfigReader(p);
    DnsSettings s = DnsKeys.bind(reader.scope(prefix), srv);
    reader.throwIfProblems();
    return s;
  }

  @Test
  void resolvesAgainAtTheRecordTtlClampedToMinAndMax() throws Exception {
    dns.a(NAME, 30, "127.0.1.1", "127.0.2.1").aaaa(NAME, 20, "::1");
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery = new DnsDiscovery("orders", settings(false), loop -> timer);
    try (AutoCloseable handle = discovery.start(listener)) {
      ManualTimer.Task t = timer.next();
      assertThat(listener.last())
          .isEqualTo("[127.0.1.1:8080/a/1, 127.0.2.1:8080/b/1, ::1:8080/v6/1]");
      assertThat(t.delay())
          .as("the smallest TTL of both answers")
          .isEqualTo(Duration.ofSeconds(20));

      dns.a(NAME, 300, "127.0.1.1").aaaa(NAME, 300);
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.1:8080/a/1]");
      assertThat(t.delay()).as("capped at max-ttl").isEqualTo(Duration.ofSeconds(60));

      dns.a(NAME, 0, "127.0.1.1", "127.0.1.9");
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.1:8080/a/1, 127.0.1.9:8080/a/1]");
      assertThat(t.delay()).as("raised to min-ttl").isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void keysMoveTheFloorAndTheCap() throws Exception {
    dns.a(NAME, 0, "127.0.1.1").aaaa(NAME, 0);
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery =
        new DnsDiscovery(
            "orders", settings(false, "min-ttl", "250ms", "max-ttl", "5s"), loop -> timer);
    try (AutoCloseable handle = discovery.start(listener)) {
      ManualTimer.Task t = timer.next();
      assertThat(t.delay()).isEqualTo(Duration.ofMillis(250));
      dns.a(NAME, 7, "127.0.1.1").aaaa(NAME, 7);
      t.fire();
      assertThat(timer.next().delay()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void failuresAreErrorsNotEmptySetsAndAreRetriedWithBackoff() throws Exception {
    dns.a(NAME, 10, "127.0.1.1").aaaa(NAME, 10);
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery =
        new DnsDiscovery("orders", settings(false, "max-ttl", "5s"), loop -> timer);
    String server = dns.hostAndPort();
    try (AutoCloseable handle = discovery.start(listener)) {
      ManualTimer.Task t = timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.1:8080/a/1]");

      dns.behaviour(DnsServer.Behaviour.SERVFAIL);
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("error: A " + NAME + ": SERVFAIL from " + server);
      assertThat(t.delay()).isEqualTo(Duration.ofSeconds(1));

      dns.behaviour(DnsServer.Behaviour.SILENT);
      t.fire();
      t = timer.next();
      assertThat(listener.last()).startsWith("error: A " + NAME + ": no answer: ");
      assertThat(listener.last()).contains(server, "timed out");
      assertThat(t.delay()).isEqualTo(Duration.ofSeconds(2));

      dns.behaviour(DnsServer.Behaviour.ANSWER).remove(NAME);
      t.fire();
      t = timer.next();
      assertThat(listener.last())
          .isEqualTo("error: A " + NAME + ": NXDOMAIN from " + server + " (no such name)");
      assertThat(t.delay()).isEqualTo(Duration.ofSeconds(4));
      t.fire();
      assertThat(timer.next().delay()).as("capped at max-ttl").isEqualTo(Duration.ofSeconds(5));

      assertThat(listener.sets).as("no failure became a set").hasSize(1);
    }
  }

  @Test
  void anAuthoritativeNoDataIsScaledToZeroButANonAuthoritativeOneIsAnError() throws Exception {
    dns.a(NAME, 10, "127.0.1.1").aaaa(NAME, 10);
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery = new DnsDiscovery("orders", settings(false), loop -> timer);
    try (AutoCloseable handle = discovery.start(listener)) {
      ManualTimer.Task t = timer.next();
      dns.a(NAME, 10).authoritative(false);
      t.fire();
      t = timer.next();
      assertThat(listener.last())
          .isEqualTo(
              "error: A/AAAA "
                  + NAME
                  + ": no records in a non-authoritative answer (not trusted as scaled to zero)");
      dns.authoritative(true);
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("[]");
      assertThat(t.delay())
          .as("an empty answer is asked again soon")
          .isEqualTo(Duration.ofSeconds(1));
      dns.a(NAME, 10, "127.0.2.5");
      t.fire();
      timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.2.5:8080/b/1]");
    }
  }

  @Test
  void srvTakesPortAndWeightFromTheLowestPriorityRecords() throws Exception {
    String srv = "_http._tcp." + NAME;
    dns.srv(
        srv,
        40,
        new SrvRecord(10, 3, 8081, "a1." + NAME),
        new SrvRecord(10, 0, 8082, "b1." + NAME),
        new SrvRecord(20, 5, 8083, "backup." + NAME));
    dns.a("a1." + NAME, 30, "127.0.1.1").aaaa("a1." + NAME, 30);
    dns.a("b1." + NAME, 15, "127.0.2.1", "127.0.2.2").aaaa("b1." + NAME, 15);
    dns.a("backup." + NAME, 30, "127.0.1.5").aaaa("backup." + NAME, 30);
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery = new DnsDiscovery("orders", settings(true), loop -> timer);
    try (AutoCloseable handle = discovery.start(listener)) {
      ManualTimer.Task t = timer.next();
      assertThat(listener.last())
          .isEqualTo("[127.0.1.1:8081/a/3, 127.0.2.1:8082/b/1, 127.0.2.2:8082/b/1]");
      assertThat(listener.sets.get(0).get(0).endpoint().metadata())
          .containsEntry("dns-target", "a1." + NAME + ".");
      assertThat(t.delay())
          .as("the smallest TTL of SRV and targets")
          .isEqualTo(Duration.ofSeconds(15));

      // b1 is removed between the SRV answer and its own: skipped, the rest still delivered.
      dns.remove("b1." + NAME);
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.1:8081/a/3]");

      // The lower priority group gone: the backup group is the lowest now.
      dns.srv(srv, 40, new SrvRecord(20, 5, 8083, "backup." + NAME));
      t.fire();
      t = timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.5:8083/a/5]");

      // A target that gets no answer makes the set incomplete: an error, not a smaller set.
      dns.srv(
          srv, 40, new SrvRecord(0, 1, 8081, "a1." + NAME), new SrvRecord(0, 1, 9, "gone." + NAME));
      dns.remove("a1." + NAME);
      t.fire();
      t = timer.next();
      assertThat(listener.last())
          .startsWith("error: SRV _http._tcp." + NAME + ": none of its targets has an address");

      dns.srv(srv, 40, new SrvRecord(0, 1, 0, "."));
      t.fire();
      timer.next();
      assertThat(listener.last()).as("target '.': decidedly not available").isEqualTo("[]");
    }
  }

  @Test
  void aTruncatedAnswerIsAskedAgainOverTcp() throws Exception {
    dns.a(NAME, 10, "127.0.1.1", "127.0.2.1").aaaa(NAME, 10).truncateUdp(true);
    long tcp = dns.tcpQuestions();
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery = new DnsDiscovery("orders", settings(false), loop -> timer);
    try (AutoCloseable handle = discovery.start(listener)) {
      timer.next();
      assertThat(listener.last()).isEqualTo("[127.0.1.1:8080/a/1, 127.0.2.1:8080/b/1]");
      assertThat(dns.tcpQuestions() - tcp).as("A and AAAA over TCP").isEqualTo(2);
    }
  }

  @Test
  void closingStopsTheScheduleAndReleasesTheLoop() throws Exception {
    dns.a(NAME, 10, "127.0.1.1").aaaa(NAME, 10);
    ManualTimer timer = new ManualTimer();
    RecordingListener listener = new RecordingListener();
    DnsDiscovery discovery = new DnsDiscovery("orders", settings(false), loop -> timer);
    AutoCloseable handle = discovery.start(listener);
    ManualTimer.Task t = timer.next();
    assertThat(DnsLoop.running()).isTrue();
    handle.close();
    handle.close();
    assertThat(t.cancelled()).isTrue();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !DnsLoop.running());
    assertThat(listener.events).hasSize(1);
  }
}
