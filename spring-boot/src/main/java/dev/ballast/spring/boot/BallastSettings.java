package dev.ballast.spring.boot;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.spring.boot.internal.ConfigValidation;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ballast.*} properties of the application's {@code Environment}, validated: the bean
 * every Ballast bean of the starter is built from. Its keys are the documented ones (Spring's
 * relaxed names mapped to them), ready for {@code BallastHttpClient.fromProperties} and {@code
 * RoutingDataSource.fromProperties}. Immutable.
 */
public final class BallastSettings {
  private final Properties properties;
  private final List<EndpointSourceProvider> discoveryProviders;

  private BallastSettings(Properties properties, List<EndpointSourceProvider> discoveryProviders) {
    this.properties = properties;
    this.discoveryProviders = discoveryProviders;
  }

  /**
   * Validates {@code properties} with Ballast's binders.
   *
   * @param properties the properties; only {@code ballast.*} keys are read
   * @param environment looks up an environment variable; returns null when it is unset
   * @return the validated settings
   * @throws ConfigException listing every problem, one per line ({@code <key>: <value> (expected:
   *     …)}, a "did you mean" for unknown keys, secrets masked)
   */
  public static BallastSettings validate(
      Properties properties, Function<String, @Nullable String> environment) {
    return validate(properties, environment, List.of());
  }

  /**
   * As {@link #validate(Properties, Function)}, where {@code discovery=<name>} may also name one of
   * {@code discoveryProviders}: the context's discovery sources (such as {@code spring-cloud}),
   * which the HTTP client is then built with.
   *
   * @param properties the properties; only {@code ballast.*} keys are read
   * @param environment looks up an environment variable; returns null when it is unset
   * @param discoveryProviders the context's discovery sources, offered beside the class path's
   * @return the validated settings
   * @throws ConfigException listing every problem, one per line
   */
  public static BallastSettings validate(
      Properties properties,
      Function<String, @Nullable String> environment,
      List<? extends EndpointSourceProvider> discoveryProviders) {
    requireNonNull(properties, "properties");
    List<EndpointSourceProvider> providers = List.copyOf(discoveryProviders);
    requireNonNull(environment, "environment");
    Properties copy = new Properties();
    properties.stringPropertyNames().forEach(k -> copy.setProperty(k, properties.getProperty(k)));
    if (!copy.isEmpty()) {
      List<String> problems =
          ConfigValidation.problems(copy, environment, r -> {}, r -> {}, providers);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
    return new BallastSettings(copy, providers);
  }

  /** {@return a copy of the properties (every key under {@code ballast.})} */
  public Properties properties() {
    Properties copy = new Properties();
    properties.stringPropertyNames().forEach(k -> copy.setProperty(k, properties.getProperty(k)));
    return copy;
  }

  /** {@return the application context's discovery sources, offered beside the class path's} */
  public List<EndpointSourceProvider> discoveryProviders() {
    return discoveryProviders;
  }

  /** {@return whether any HTTP service is configured ({@code ballast.http.services.<name>.…})} */
  public boolean hasHttpServices() {
    return ConfigValidation.uses(properties, "ballast.http.services.");
  }

  /** {@return whether the JDBC router is configured ({@code ballast.jdbc.primary.url})} */
  public boolean hasJdbc() {
    return properties.containsKey("ballast.jdbc.primary.url");
  }

  /** The number of keys, for logs; values are not shown (some are secrets). */
  @Override
  public String toString() {
    return "BallastSettings[" + properties.size() + " keys]";
  }
}
