package dev.ballast.http.internal.dns;

import dev.ballast.lb.DiscoveredEndpoint;
import io.netty.resolver.dns.DnsNameResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code discovery=dns}: the endpoints are the addresses of the name (A and AAAA) at the configured
 * port, as a Kubernetes headless service or Consul's {@code <svc>.service.consul} lists them.
 *
 * <p>When is "no address" an answer? A name that exists with no address records (NOERROR/NODATA) in
 * an <em>authoritative</em> answer is the service scaled to zero, and the empty set is honoured.
 * The same from a non-authoritative server (a cache in between) is reported as an error, and the
 * last known set stays: a cache may hold a negative answer from before the instances came, and a
 * wrongly emptied set fails every call, while a stale one only risks calls that health checks and
 * retries absorb. NXDOMAIN is an error too: a misspelt name must not empty the set.
 */
final class AddressResolution {
  private AddressResolution() {}

  static CompletableFuture<Resolved> resolve(DnsNameResolver resolver, DnsSettings settings) {
    return AddressLookup.lookup(resolver, settings.name())
        .thenApply(found -> toResolved(found, settings));
  }

  private static Resolved toResolved(AddressLookup.Addresses found, DnsSettings settings) {
    if (found.addresses().isEmpty()) {
      if (!found.authoritative()) {
        throw new CompletionException(
            new DnsProblem(
                DnsProblem.Kind.NO_RECORDS,
                "A/AAAA "
                    + settings.name()
                    + ": no records in a non-authoritative answer (not trusted as scaled to zero)",
                null));
      }
      return new Resolved(List.of(), 0);
    }
    List<DiscoveredEndpoint> endpoints = new ArrayList<>();
    for (InetAddress a : found.addresses()) {
      endpoints.add(
          DiscoveredEndpoint.serving(
              Resolved.endpoint(a, settings.port(), 1, settings.zones(), "")));
    }
    return new Resolved(endpoints, found.ttlSeconds());
  }
}
