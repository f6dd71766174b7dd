package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.config.EditDistance;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link EndpointSourceProvider}s by name with {@link ServiceLoader} and binds {@code
 * <prefix>discovery=<name>} plus {@code <prefix>discovery.<name>.*} into a {@link
 * DiscoveredEndpointSource}. Stateless and thread-safe.
 */
public final class DiscoveryProviders {
  /** The key, relative to a service's prefix, that names the source. */
  public static final String KEY = "discovery";

  private DiscoveryProviders() {}

  /** {@return every provider on the class path, by name (sorted)} */
  public static Map<String, EndpointSourceProvider> available() {
    return available(List.of());
  }

  /**
   * {@code given} and every provider on the class path, by name (sorted); a given provider wins
   * over a class-path one of the same name.
   *
   * @param given providers offered beside those found on the class path
   * @return the providers by name, sorted
   */
  public static Map<String, EndpointSourceProvider> available(
      Collection<? extends EndpointSourceProvider> given) {
    requireNonNull(given, "given");
    Map<String, EndpointSourceProvider> byName = new TreeMap<>();
    for (EndpointSourceProvider p : given) {
      byName.putIfAbsent(requireNonNull(p, "provider").name(), p);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (EndpointSourceProvider p :
        ServiceLoader.load(
            EndpointSourceProvider.class,
            loader != null ? loader : DiscoveryProviders.class.getClassLoader())) {
      byName.putIfAbsent(p.name(), p);
    }
    return byName;
  }

  /**
   * Reads {@code <servicePrefix>discovery} from {@code reader}; when set, finds the provider and
   * lets it bind its keys under {@code <servicePrefix>discovery.<keyPrefix>.} (see {@link
   * EndpointSourceProvider#keyPrefix()}). Problems (an unknown source name, with the closest known
   * one; a provider's bad keys) are recorded in the reader.
   *
   * @param reader the reader of the properties
   * @param service the service name
   * @param ticker the clock
   * @param servicePrefix e.g. {@code ballast.http.services.orders.}
   * @return the source, not started; empty when the key is absent or has a problem
   */
  public static Optional<DiscoveredEndpointSource> bind(
      ConfigReader reader, String servicePrefix, String service, Ticker ticker) {
    return bind(reader, servicePrefix, service, ticker, List.of());
  }

  /**
   * As {@link #bind(ConfigReader, String, String, Ticker)}, also offering {@code given}: providers
   * that cannot be found by {@link ServiceLoader} because they need objects of the application (the
   * Spring Boot starter's {@code spring-cloud} source needs its {@code DiscoveryClient}). A given
   * provider wins over a class-path one of the same name.
   *
   * @param reader the reader of the properties
   * @param servicePrefix e.g. {@code ballast.http.services.orders.}
   * @param service the service name
   * @param ticker the clock
   * @param given providers offered beside those found on the class path
   * @return the source, not started; empty when the key is absent or has a problem
   */
  public static Optional<DiscoveredEndpointSource> bind(
      ConfigReader reader,
      String servicePrefix,
      String service,
      Ticker ticker,
      Collection<? extends EndpointSourceProvider> given) {
    requireNonNull(reader, "reader");
    requireNonNull(servicePrefix, "servicePrefix");
    requireNonNull(service, "service");
    requireNonNull(ticker, "ticker");
    String key = servicePrefix + KEY;
    Optional<String> name = reader.optionalString(key);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Map<String, EndpointSourceProvider> providers = available(given);
    EndpointSourceProvider provider = providers.get(name.get());
    if (provider == null) {
      List<String> known = List.copyOf(providers.keySet());
      String expected =
          "the name of a discovery source on the class path, one of "
              + known
              + EditDistance.closest(name.get(), known)
                  .map(k -> "; did you mean '" + k + "'?")
                  .orElse("");
      reader.problem(key, name.get(), expected);
      return Optional.empty();
    }
    int before = reader.problems().size();
    Discovery discovery =
        provider.bind(
            service, reader.scope(servicePrefix + KEY + "." + provider.keyPrefix() + "."));
    if (reader.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new DiscoveredEndpointSource(service, provider.name(), discovery, ticker));
  }
}
