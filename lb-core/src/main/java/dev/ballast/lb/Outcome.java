package dev.ballast.lb;

/** How a call on a picked endpoint ended, as reported through {@link Pick#complete}. */
public enum Outcome {
  /** The endpoint answered usefully (any 2xx–4xx for HTTP; a successful statement for JDBC). */
  SUCCESS,
  /**
   * The endpoint failed: connect failure, reset, timeout, or an overload/server error. Counts
   * toward passive ejection and as a slow sample for latency-aware strategies.
   */
  FAILURE,
  /**
   * The call was abandoned by the caller (a hedge that lost, a cancelled request): releases the
   * in-flight slot and says nothing about the endpoint's health. The latency passed with it, if
   * any, is a lower bound — the endpoint had not answered after that long — so latency-aware
   * strategies raise their estimate to it when it is higher (an endpoint whose attempts keep losing
   * hedge races is steered away from, not rewarded for never reporting); pass 0 when nothing is
   * known.
   */
  CANCELLED,
  /**
   * Nothing was sent to the endpoint: the call waited inside the caller (for a pooled connection,
   * behind a full queue, or the endpoint left the service while the call queued) and gave up.
   * Releases the in-flight slot and teaches nothing: no latency sample, no failure, whatever
   * latency is passed. A busy client must not make a healthy endpoint look slow or broken.
   */
  NOT_SENT
}
