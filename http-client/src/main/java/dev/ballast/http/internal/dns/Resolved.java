package dev.ballast.http.internal.dns;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.List;

/**
 * A complete set learnt from DNS and how long its records live.
 *
 * @param endpoints every endpoint, none draining (DNS has no such state: a name that stops listing
 *     an address drops it, and the discovery SPI drains what is dropped)
 * @param ttlSeconds the smallest TTL of the records the set came from; 0 when there were none
 */
record Resolved(List<DiscoveredEndpoint> endpoints, long ttlSeconds) {
  /** The metadata key that names the SRV target an endpoint's address came from. */
  static final String TARGET = "dns-target";

  /** The endpoint at {@code address:port}, its zone from {@code zones}; id {@code ip:port}. */
  static Endpoint endpoint(
      InetAddress address, int port, int weight, SubnetZones zones, String target) {
    Endpoint.Builder b =
        Endpoint.builder(NetUtil.toAddressString(address), port)
            .zone(zones.zoneOf(address))
            .weight(weight)
            // As for a static endpoint written http://ip:port (see EndpointSpecs).
            .metadata("scheme", "http");
    if (!target.isEmpty()) {
      b.metadata(TARGET, target);
    }
    return b.build();
  }
}
