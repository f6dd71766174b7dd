package dev.ballast.http;

import static dev.ballast.http.TestSupport.props;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.ConfigException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The keys of {@code discovery=dns} and {@code dns-srv} under {@code discovery.dns.}: a missing,
 * malformed or misspelt key fails at start-up with {@code <key>: <value> (expected: …)} and a "did
 * you mean"; the messages are API.
 */
class DnsDiscoveryKeysTest {
  private static final String SVC = "ballast.http.services.orders.";
  private static final String DNS = SVC + "discovery.dns.";

  private static Properties dns(String... more) {
    Properties p = props(SVC + "discovery", "dns", DNS + "name", "orders.test", DNS + "port", "80");
    for (int i = 0; i < more.length; i += 2) {
      p.setProperty(more[i], more[i + 1]);
    }
    return p;
  }

  @Test
  void aMisspeltSourceOrKeyGetsADidYouMean() {
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(props(SVC + "discovery", "dns-svr")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            SVC
                + "discovery: dns-svr (expected: the name of a discovery source on the class path,"
                + " one of [dns, dns-srv")
        .hasMessageContaining("did you mean 'dns-srv'?");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(dns(DNS + "min-tll", "2s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS + "min-tll: 2s (expected: a known key; did you mean '" + DNS + "min-ttl'?)");
    // dns-srv reads the same keys as dns, under discovery.dns.
    Properties srv = props(SVC + "discovery", "dns-srv", DNS + "nmae", "_http._tcp.orders.test");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(srv))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS
                + "name: (missing) (expected: an SRV name such as _http._tcp.orders.service.consul)")
        .hasMessageContaining(
            DNS
                + "nmae: _http._tcp.orders.test (expected: a known key; did you mean '"
                + DNS
                + "name'?)");
  }

  @Test
  void requiredKeysAreNamed() {
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(props(SVC + "discovery", "dns")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS
                + "name: (missing) (expected: a host name such as"
                + " orders.default.svc.cluster.local)")
        .hasMessageContaining(
            DNS + "port: (missing) (expected: the port of every address of the name, 1..65535)");
  }

  @Test
  void malformedValuesSayWhatWasExpected() {
    assertThatThrownBy(
            () ->
                BallastHttpClient.fromProperties(
                    dns(
                        DNS + "port", "http",
                        DNS + "zones", "10.0.1.0/24=a,10.0.2.0/33=b",
                        DNS + "server", "dns.example:53",
                        DNS + "min-ttl", "5s",
                        DNS + "max-ttl", "2s",
                        DNS + "query-timeout", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS + "port: http (expected: the port of every address of the name, 1..65535)")
        .hasMessageContaining(
            DNS
                + "zones: 10.0.1.0/24=a,10.0.2.0/33=b (expected: comma-separated <subnet>=<zone>"
                + " pairs, each subnet an IPv4 or IPv6 CIDR block such as"
                + " 10.0.1.0/24=a,10.0.2.0/24=b; '10.0.2.0/33=b': prefix length 33 is not in"
                + " 0..32)")
        .hasMessageContaining(
            DNS
                + "server: dns.example:53 (expected: the IP address of a DNS server, optionally"
                + " with a port: 10.0.0.2, 10.0.0.2:53 or [fd00::2]:53)")
        .hasMessageContaining(DNS + "max-ttl: 2s (expected: a duration at least min-ttl (5s))")
        .hasMessageContaining(
            DNS + "query-timeout: 0s (expected: a positive duration up to 24 days)");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(dns(DNS + "name", "orders..test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS
                + "name: orders..test (expected: a fully qualified DNS name: dot-separated labels"
                + " of letters, digits, '-' and '_', each 1..63 characters)");
  }

  @Test
  void srvRecordsCarryTheirPortSoAPortKeyIsAProblem() {
    Properties p =
        props(
            SVC + "discovery",
            "dns-srv",
            DNS + "name",
            "_http._tcp.orders.test",
            DNS + "port",
            "80");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            DNS
                + "port: 80 (expected: no port with discovery=dns-srv: each SRV record carries the"
                + " port of its target)");
  }
}
