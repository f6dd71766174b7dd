package dev.ballast.http.internal;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PropertiesBinder} read, valid and complete, for {@code BallastHttpClient} to apply to
 * its builder. A value rather than a builder, so that the binder needs nothing of the public entry
 * point and the two do not depend on each other.
 *
 * @param zone this process's zone; empty when unknown
 * @param eventLoopThreads {@code ballast.http.event-loop-threads}, or null for the default
 * @param shutdownDrainTimeout {@code ballast.http.shutdown-drain-timeout}, or null for the default
 * @param services every configured service, in configuration order
 */
public record BoundProperties(
    String zone,
    @Nullable Integer eventLoopThreads,
    @Nullable Duration shutdownDrainTimeout,
    List<ServiceDefinition> services) {
  /** Copies {@code services}. */
  public BoundProperties {
    services = List.copyOf(services);
  }
}
