package dev.ballast.http.internal.dns;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Durations;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code discovery.dns.*}, shared by {@code discovery=dns} and {@code discovery=dns-srv}:
 *
 * <pre>
 * name           the name to ask (required)
 * port           the port of every address (required for dns; not allowed for dns-srv)
 * zones          subnet=zone pairs, e.g. 10.0.1.0/24=a,10.0.2.0/24=b (default: no zones)
 * server         ip[:port] of the DNS server (default: the system's, from /etc/resolv.conf)
 * min-ttl        floor of the re-resolve interval (default 1s)
 * max-ttl        cap of the re-resolve interval (default 60s)
 * query-timeout  how long one query waits (default 5s)
 * </pre>
 *
 * Every problem is recorded in the scope's reader. Stateless.
 */
final class DnsKeys {
  static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(1);
  static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(60);
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  private DnsKeys() {}

  static DnsSettings bind(ConfigReader.Scope keys, boolean srv) {
    String name =
        keys.required(
            "name",
            srv
                ? "an SRV name such as _http._tcp.orders.service.consul"
                : "a host name such as orders.default.svc.cluster.local");
    if (!name.isEmpty() && !isDnsName(name)) {
      keys.problem(
          "name",
          name,
          "a fully qualified DNS name: dot-separated labels of letters, digits, '-' and '_', each"
              + " 1..63 characters");
    }
    int port = 0;
    if (srv) {
      keys.optionalString("port")
          .ifPresent(
              p ->
                  keys.problem(
                      "port",
                      p,
                      "no port with discovery=dns-srv: each SRV record carries the port of its"
                          + " target"));
    } else {
      String expected = "the port of every address of the name, 1..65535";
      String p = keys.required("port", expected);
      if (!p.isEmpty()) {
        port = portOrZero(p);
        if (port == 0) {
          keys.problem("port", p, expected);
        }
      }
    }
    SubnetZones zones =
        keys.optionalString("zones").map(z -> zones(keys, z)).orElse(SubnetZones.NONE);
    @Nullable InetSocketAddress server =
        keys.optionalString("server").map(s -> server(keys, s)).orElse(null);
    Duration minTtl = keys.duration("min-ttl", DEFAULT_MIN_TTL);
    Duration maxTtl = keys.duration("max-ttl", DEFAULT_MAX_TTL);
    Duration timeout = keys.duration("query-timeout", DEFAULT_QUERY_TIMEOUT);
    positive(keys, "min-ttl", minTtl);
    positive(keys, "max-ttl", maxTtl);
    positive(keys, "query-timeout", timeout);
    if (maxTtl.compareTo(minTtl) < 0) {
      keys.problem(
          "max-ttl",
          Durations.format(maxTtl),
          "a duration at least min-ttl (" + Durations.format(minTtl) + ")");
    }
    return new DnsSettings(name, srv, port, zones, server, minTtl, maxTtl, timeout);
  }

  private static int portOrZero(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 1 && port <= 65535 ? port : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static SubnetZones zones(ConfigReader.Scope keys, String text) {
    try {
      return SubnetZones.parse(text);
    } catch (IllegalArgumentException e) {
      keys.problem("zones", text, SubnetZones.EXPECTED + "; " + e.getMessage());
      return SubnetZones.NONE;
    }
  }

  private static @Nullable InetSocketAddress server(ConfigReader.Scope keys, String text) {
    try {
      return Addresses.parseServer(text);
    } catch (IllegalArgumentException e) {
      keys.problem(
          "server",
          text,
          "the IP address of a DNS server, optionally with a port: 10.0.0.2, 10.0.0.2:53 or"
              + " [fd00::2]:53");
      return null;
    }
  }

  private static void positive(ConfigReader.Scope keys, String key, Duration value) {
    if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
      keys.problem(key, Durations.format(value), "a positive duration up to 24 days");
    }
  }

  // Letters, digits, '-' and '_' (SRV names start with _service._proto), an optional root dot.
  private static boolean isDnsName(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.isEmpty() || n.length() > 253) {
      return false;
    }
    for (String label : n.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || !label.matches("[A-Za-z0-9_-]+")) {
        return false;
      }
    }
    return true;
  }
}
