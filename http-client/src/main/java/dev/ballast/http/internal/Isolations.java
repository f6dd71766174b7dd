package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Ticker;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.function.BooleanSupplier;

/**
 * The Resilience4j registries of one client: every service's bulkhead and circuit breaker are
 * entries here, which is what {@code resilience4j-micrometer} binds to. One pair per client, never
 * Resilience4j's shared defaults, so that two clients' services of one name stay apart.
 */
final class Isolations {
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
  private final BooleanSupplier mayBlock;

  /**
   * @param onClientLoop whether the calling thread is one of the client's event loops
   */
  Isolations(BooleanSupplier onClientLoop) {
    // Any Netty event loop, not only ours: sendAsync may be called from a server's loop, which a
    // bulkhead wait would stall just the same.
    this.mayBlock =
        () -> !onClientLoop.getAsBoolean() && ThreadExecutorMap.currentExecutor() == null;
  }

  CircuitBreakerRegistry breakers() {
    return breakers;
  }

  BulkheadRegistry bulkheads() {
    return bulkheads;
  }

  /** The isolation of {@code service}, registered here when configured. */
  ServiceIsolation of(String service, HttpServiceConfig config, Ticker ticker) {
    return new ServiceIsolation(service, config, ticker, breakers, bulkheads, mayBlock);
  }
}
