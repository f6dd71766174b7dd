package dev.ballast.http.internal;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.DiscoveryProviders;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.lb.Ticker;
import java.util.Collection;
import java.util.Optional;

/**
 * Binds {@code ballast.http.services.<name>.discovery=<source>} and the source's keys under {@code
 * discovery.<source>.*} (see lb-core's {@link DiscoveryProviders}); {@code endpoints=} is the
 * static alternative, and setting both is a problem. Sources are whatever {@link
 * dev.ballast.lb.EndpointSourceProvider}s are on the class path, e.g. {@code zookeeper} from
 * ballast-discovery-zookeeper, and the providers the caller gives (the Spring Boot starter's {@code
 * spring-cloud}). Stateless.
 */
final class DiscoveryBinding {
  static final String KEY = DiscoveryProviders.KEY;

  private DiscoveryBinding() {}

  /** Whether the service names a discovery source (its value may still be bad). */
  static boolean isSet(ConfigReader reader, String servicePrefix) {
    return reader.optionalString(servicePrefix + KEY).isPresent();
  }

  /**
   * The service's discovered source, not started; empty when {@code discovery} is absent or has a
   * problem (recorded in {@code reader}), including {@code endpoints} set beside it.
   */
  static Optional<EndpointSource> bind(
      ConfigReader reader,
      String servicePrefix,
      String service,
      Collection<? extends EndpointSourceProvider> providers) {
    if (!isSet(reader, servicePrefix)) {
      return Optional.empty();
    }
    String endpointsKey = servicePrefix + "endpoints";
    Optional<String> endpoints = reader.optionalString(endpointsKey);
    if (endpoints.isPresent()) {
      reader.problem(
          endpointsKey,
          endpoints.get(),
          "no endpoints when " + servicePrefix + KEY + " is set (one source per service)");
    }
    Optional<EndpointSource> source =
        DiscoveryProviders.bind(reader, servicePrefix, service, Ticker.system(), providers)
            .map(s -> s);
    return endpoints.isPresent() ? Optional.empty() : source;
  }
}
