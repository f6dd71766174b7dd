package dev.ballast.http.internal.dns;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One service's DNS discovery, as bound from {@code discovery.dns.*}. Immutable.
 *
 * @param name the name asked, e.g. {@code orders.default.svc.cluster.local} or, for SRV, {@code
 *     _http._tcp.orders.service.consul}
 * @param srv whether SRV records are asked (else A and AAAA)
 * @param port the port of every address (A/AAAA); 0 for SRV, whose records carry it
 * @param zones the zone of each address by subnet
 * @param server the DNS server asked, or null for the system's ({@code /etc/resolv.conf})
 * @param minTtl floor of the re-resolve interval
 * @param maxTtl cap of the re-resolve interval
 * @param queryTimeout how long one query waits for its answer
 */
record DnsSettings(
    String name,
    boolean srv,
    int port,
    SubnetZones zones,
    @Nullable InetSocketAddress server,
    Duration minTtl,
    Duration maxTtl,
    Duration queryTimeout) {

  DnsSettings {
    requireNonNull(name, "name");
    requireNonNull(zones, "zones");
    requireNonNull(minTtl, "minTtl");
    requireNonNull(maxTtl, "maxTtl");
    requireNonNull(queryTimeout, "queryTimeout");
  }

  /**
   * When to ask again after an answer whose records live {@code ttlSeconds}: the TTL clamped to
   * [min-ttl, max-ttl], in nanoseconds. The floor keeps a TTL of 0 (common for Consul and for
   * records a server wants never cached) from turning into a query loop; the cap bounds how long a
   * set may lag behind a record changed under a long TTL.
   */
  long refreshNanos(long ttlSeconds) {
    long ttl = TimeUnit.SECONDS.toNanos(Math.max(0, Math.min(ttlSeconds, Integer.MAX_VALUE)));
    return Math.max(minTtl.toNanos(), Math.min(maxTtl.toNanos(), ttl));
  }

  /**
   * When to ask again after {@code failures} failed resolutions in a row: min-ttl doubled per
   * failure, capped at max-ttl, so a DNS server that is down is not asked in a tight loop and one
   * that is back is heard from within max-ttl.
   */
  long retryNanos(int failures) {
    long delay = minTtl.toNanos();
    for (int i = 1; i < failures && delay < maxTtl.toNanos(); i++) {
      delay *= 2;
    }
    return Math.min(delay, maxTtl.toNanos());
  }

  /** {@code dns} or {@code dns-srv}: the source's name in messages. */
  String sourceName() {
    return srv ? DnsSrvSourceProvider.NAME : DnsSourceProvider.NAME;
  }
}
