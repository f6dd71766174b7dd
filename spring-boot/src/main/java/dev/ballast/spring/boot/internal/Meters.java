package dev.ballast.spring.boot.internal;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.EndpointSourceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Properties;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Builds Ballast's components with the application's {@code MeterRegistry} when there is one
 * (Micrometer on the class path and a registry bean), without it otherwise. Micrometer is optional:
 * the types that name it are only touched after checking that it is present. Stateless.
 */
public final class Meters {
  private static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

  private Meters() {}

  /** A router from {@code properties}, its meters in the application's registry if any. */
  public static RoutingDataSource routingDataSource(Properties properties, BeanFactory beans) {
    if (present()) {
      MeterRegistry registry = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
      if (registry != null) {
        return RoutingDataSource.fromProperties(properties, registry);
      }
    }
    return RoutingDataSource.fromProperties(properties);
  }

  /** A client from {@code properties}, its meters in the application's registry if any. */
  public static BallastHttpClient httpClient(Properties properties, BeanFactory beans) {
    return httpClient(properties, List.of(), beans);
  }

  /**
   * As {@link #httpClient(Properties, BeanFactory)}, {@code discovery=} also naming one of {@code
   * providers}.
   */
  public static BallastHttpClient httpClient(
      Properties properties, List<EndpointSourceProvider> providers, BeanFactory beans) {
    if (!providers.isEmpty()) {
      BallastHttpClient.Builder b = BallastHttpClient.builder(properties, providers);
      if (present()) {
        MeterRegistry registry = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
        if (registry != null) {
          b.meterRegistry(registry);
        }
      }
      return b.build();
    }
    if (present()) {
      MeterRegistry registry = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
      if (registry != null) {
        return BallastHttpClient.fromProperties(properties, registry);
      }
    }
    return BallastHttpClient.fromProperties(properties);
  }

  private static boolean present() {
    return ClassUtils.isPresent(REGISTRY, Meters.class.getClassLoader());
  }
}
