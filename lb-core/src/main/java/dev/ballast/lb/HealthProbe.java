package dev.ballast.lb;

import java.util.concurrent.CompletionStage;

/**
 * Active health-check SPI: asks one endpoint whether it can serve. The transport provides it (for
 * HTTP a {@code GET} of the health path; for JDBC a validity and role query).
 *
 * <p>The load balancer applies its own timeout; an exceptional completion counts as a failed check.
 * Implementations must not block the calling thread.
 */
@FunctionalInterface
public interface HealthProbe {
  /**
   * Probes {@code endpoint}; completes with {@code true} when it is healthy.
   *
   * @param endpoint the endpoint
   * @return a stage completed with the verdict
   */
  CompletionStage<Boolean> probe(Endpoint endpoint);
}
