package dev.ballast.http.internal;

import dev.ballast.lb.LoadBalancer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The client's meters behind an interface that mentions no Micrometer type, so a client without a
 * registry never loads Micrometer ({@link #NOOP}); {@link MicrometerClientMetrics} is the real one.
 * Implementations are thread-safe.
 */
interface ClientMetrics {
  /** Records nothing. */
  ClientMetrics NOOP =
      new ClientMetrics() {
        @Override
        public ServiceMeters bind(LoadBalancer lb) {
          return ServiceMeters.NOOP;
        }

        @Override
        public void bindIsolation(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {}

        @Override
        public void close() {}
      };

  /**
   * Registers lb-core's meters of {@code lb} and the client's meters of its service, and returns
   * the latter: the call path records through them without any per-call lookup by name.
   */
  ServiceMeters bind(LoadBalancer lb);

  /**
   * Exports the services' Resilience4j circuit breakers and bulkheads through {@code
   * resilience4j-micrometer} (tags {@code name} and {@code service} = the service). An entry
   * removed from a registry takes its meters with it.
   */
  void bindIsolation(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads);

  /** Removes every meter registered; the {@link ServiceMeters} handed out record nothing more. */
  void close();

  /** The meters of one service. Thread-safe; recording allocates nothing once a series exists. */
  interface ServiceMeters {
    /** Records nothing. */
    ServiceMeters NOOP =
        new ServiceMeters() {
          @Override
          public void recordCall(String method, int status, int zone, long nanos) {}

          @Override
          public void retry() {}

          @Override
          public void hedge() {}

          @Override
          public void retryDenied() {}

          @Override
          public void hedgeDenied() {}
        };

    /** {@code zone} tag value: the answering endpoint is in this process's zone. */
    int LOCAL = 0;

    /** {@code zone} tag value: the answering endpoint is in another zone. */
    int REMOTE = 1;

    /** {@code zone} tag value: no endpoint was picked. */
    int NONE = 2;

    /**
     * Records one finished call.
     *
     * @param status the HTTP status, or 0 when no response was obtained
     * @param zone {@link #LOCAL}, {@link #REMOTE} or {@link #NONE}
     */
    void recordCall(String method, int status, int zone, long nanos);

    /** Counts a retry. */
    void retry();

    /** Counts a hedge. */
    void hedge();

    /** Counts a retry not taken because the retry budget was spent. */
    void retryDenied();

    /** Counts a hedge not sent because the hedge budget was spent. */
    void hedgeDenied();
  }
}
