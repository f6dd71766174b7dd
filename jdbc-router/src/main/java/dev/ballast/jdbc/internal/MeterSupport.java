package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The only way from the router to Micrometer. Its arguments are typed {@code Object} so that the
 * classes that call it load without Micrometer on the class path; it is called only when the user
 * handed in a registry (and so has Micrometer). Stateless.
 */
public final class MeterSupport {
  private MeterSupport() {}

  /**
   * Registers the router's meters in {@code registry} (a MeterRegistry) and makes them record the
   * router's decisions; close the result to remove them.
   */
  public static AutoCloseable bind(Object registry, Router router) {
    JdbcMeters meters = new JdbcMeters((MeterRegistry) registry, router);
    router.setRecorder(meters);
    return () -> {
      router.setRecorder(RouteRecorder.NONE);
      meters.close();
    };
  }

  /** Gives every pool of {@code bound} HikariCP's Micrometer meters, tagged with its pool name. */
  public static void instrumentPools(Object registry, JdbcProperties.Bound bound) {
    MicrometerMetricsTrackerFactory factory =
        new MicrometerMetricsTrackerFactory((MeterRegistry) registry);
    for (JdbcProperties.HostSpec spec : bound.hosts()) {
      spec.hikari().setMetricsTrackerFactory(factory);
    }
  }
}
