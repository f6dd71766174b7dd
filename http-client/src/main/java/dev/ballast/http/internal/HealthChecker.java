package dev.ballast.http.internal;

import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.HealthProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Active health check: {@code GET <health-check.path>} on a separate one-connection pool per
 * endpoint (kept alive between checks, never taken from the traffic pool, so checks neither starve
 * nor are starved by calls). 2xx passes; anything else, a failure or the timeout fails.
 */
final class HealthChecker implements HealthProbe {
  private final ServiceRuntime svc;
  private final ServiceRequest request;
  private final long timeoutNanos;

  HealthChecker(ServiceRuntime svc, String path, long timeoutNanos) {
    this.svc = svc;
    this.request = ServiceRequest.get(svc.name(), path).build();
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public CompletionStage<Boolean> probe(Endpoint endpoint) {
    EndpointPool pool = svc.healthPool(endpoint);
    if (pool == null) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Attempt a =
        new Attempt(
            (attempt, response, failure) ->
                result.complete(
                    response != null && response.status() >= 200 && response.status() < 300),
            pool,
            endpoint,
            null,
            request,
            timeoutNanos,
            "timed out (health-check.timeout)",
            svc.ticker().nanoTime(),
            1,
            false);
    a.start();
    return result;
  }
}
