package dev.ballast.http.internal.dns;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.EndpointSourceProvider;

/**
 * {@code discovery=dns}: a service's endpoints are the A and AAAA records of {@code
 * discovery.dns.name} at {@code discovery.dns.port} (a Kubernetes headless service, Consul DNS),
 * re-resolved at the records' TTL clamped to [{@code min-ttl}, {@code max-ttl}]. Keys: see {@link
 * DnsKeys}; behaviour: see {@link AddressResolution} and {@link Refresher}. Found by {@link
 * java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class DnsSourceProvider implements EndpointSourceProvider {
  /** The source's name in {@code discovery=}. */
  public static final String NAME = "dns";

  /** Found by {@link java.util.ServiceLoader}. */
  public DnsSourceProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String keyPrefix() {
    return NAME;
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    return new DnsDiscovery(service, DnsKeys.bind(keys, false), EventLoopTimer::new);
  }
}
