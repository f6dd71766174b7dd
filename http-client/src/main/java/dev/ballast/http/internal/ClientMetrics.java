package dev.ballast.http.internal;

import dev.ballast.lb.LoadBalancer;

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
        public void bind(LoadBalancer lb) {}

        @Override
        public void recordCall(
            String service, String method, int status, String zone, long nanos) {}

        @Override
        public void retry(String service) {}

        @Override
        public void hedge(String service) {}

        @Override
        public void close() {}
      };

  /** Registers lb-core's meters of {@code lb}. */
  void bind(LoadBalancer lb);

  /**
   * Records one finished call.
   *
   * @param status the HTTP status, or 0 when no response was obtained
   * @param zone whether the answering endpoint was local: "local", "remote", or "none" when no
   *     endpoint was picked
   */
  void recordCall(String service, String method, int status, String zone, long nanos);

  /** Counts a retry. */
  void retry(String service);

  /** Counts a hedge. */
  void hedge(String service);

  /** Removes every meter registered. */
  void close();
}
