package dev.ballast.http.internal.dns;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.EndpointSourceProvider;

/**
 * {@code discovery=dns-srv}: a service's endpoints come from the SRV records of {@code
 * discovery.dns.name} (port and weight from each record, the lowest priority only, each target's
 * A/AAAA addresses), re-resolved at the records' TTL clamped to [{@code min-ttl}, {@code max-ttl}].
 * Its keys are {@code dns}'s, under {@code discovery.dns.} (see {@link DnsKeys}), without {@code
 * port}; behaviour: see {@link SrvResolution}. Found by {@link java.util.ServiceLoader}; stateless
 * and thread-safe.
 */
public final class DnsSrvSourceProvider implements EndpointSourceProvider {
  /** The source's name in {@code discovery=}. */
  public static final String NAME = "dns-srv";

  /** Found by {@link java.util.ServiceLoader}. */
  public DnsSrvSourceProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** {@code dns}: both DNS sources read {@code discovery.dns.*}, the keys the issue fixed. */
  @Override
  public String keyPrefix() {
    return DnsSourceProvider.NAME;
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    return new DnsDiscovery(service, DnsKeys.bind(keys, true), EventLoopTimer::new);
  }
}
