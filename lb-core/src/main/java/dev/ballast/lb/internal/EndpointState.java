package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps the hot counters of {@link EndpointState} off neighbours' cache lines. */
abstract class EndpointStatePadLeft {
  // Fills the 4 bytes after the object header, where the JVM would otherwise place the first int
  // field of a subclass (inFlight): on the header's cache line, shared with the previous object.
  int p00;
  long p01, p02, p03, p04, p05, p06, p07;
}

/** The hot, contended fields, written on every pick and completion. */
abstract class EndpointStateHot extends EndpointStatePadLeft {
  volatile int inFlight;
  volatile int consecutiveFailures;
  volatile long ewmaNanos;
  volatile long lastSampleNanos;
  volatile int idleBackoff;
}

/** Right padding. */
abstract class EndpointStatePadRight extends EndpointStateHot {
  int p10;
  long p11, p12, p13, p14, p15, p16, p17;
}

/**
 * Live statistics of one endpoint, kept across picker rebuilds by endpoint identity. It is also the
 * {@link Pick} handed to callers, so a pick allocates nothing.
 *
 * <p>Thread-safety: counters are updated lock-free from any thread; {@link #endpoint} and {@link
 * #local} are rewritten only by the control plane and read racily (volatile) by pickers.
 *
 * <p>Peak-EWMA: the fields of the latency estimate live here, written lock-free; the arithmetic
 * that moves them is {@link PeakEwma}'s. Between samples the estimate decays towards 0 with idle
 * time ({@link #estimateNanos}), so an idle endpoint is tried again, one call at a time; the
 * backoff of that decay grows while retries confirm the endpoint is slow. Failures are recorded as
 * samples of {@link #failurePenaltyNanos}, so an endpoint that fails fast does not look fast.
 */
public final class EndpointState extends EndpointStatePadRight implements Pick {
  private static final VarHandle IN_FLIGHT;
  private static final VarHandle FAILURES;
  private static final VarHandle EWMA;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      IN_FLIGHT = l.findVarHandle(EndpointStateHot.class, "inFlight", int.class);
      FAILURES = l.findVarHandle(EndpointStateHot.class, "consecutiveFailures", int.class);
      EWMA = l.findVarHandle(EndpointStateHot.class, "ewmaNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Endpoint endpoint;
  private volatile boolean local;
  private final Feedback feedback;
  private final long decayNanos;
  private final double inverseDecayNanos;
  private final double inverseIdleDecayNanos;
  private final long failurePenaltyNanos;

  /** Where completions report failures that may warrant ejection. */
  public interface Feedback {
    /** Called (from any thread) when consecutive failures reach a multiple of the threshold. */
    void onConsecutiveFailures(EndpointState state, int count);

    /** The consecutive-failure count that triggers {@link #onConsecutiveFailures}; 0 = never. */
    int failureThreshold();

    /**
     * The time stamping latency samples: the balancer's ticker, or on the system clock a shared
     * reading refreshed every millisecond (the decay needs no finer time, and a clock read would
     * cost more than the rest of a completion).
     */
    long sampleNanoTime();
  }

  /**
   * Creates the state of a new endpoint.
   *
   * @param decayNanos τ of the EWMA decay
   * @param failurePenaltyNanos latency recorded for a failed call
   */
  public EndpointState(
      Endpoint endpoint,
      boolean local,
      Feedback feedback,
      long decayNanos,
      long failurePenaltyNanos) {
    this.endpoint = endpoint;
    this.local = local;
    this.feedback = feedback;
    this.decayNanos = decayNanos;
    this.inverseDecayNanos = 1.0 / decayNanos;
    this.inverseIdleDecayNanos = PeakEwma.IDLE_DECAY_RATIO / decayNanos;
    this.failurePenaltyNanos = failurePenaltyNanos;
    this.lastSampleNanos = feedback.sampleNanoTime();
  }

  @Override
  public boolean isPresent() {
    return true;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public boolean isLocal() {
    return local;
  }

  @Override
  public String reason() {
    return "";
  }

  /** Control plane only: new attributes for the same endpoint id. */
  public void update(Endpoint newEndpoint, boolean isLocal) {
    this.endpoint = newEndpoint;
    this.local = isLocal;
  }

  /** Marks one more call in flight; called by the picker when it hands this state out. */
  public void acquire() {
    IN_FLIGHT.getAndAdd(this, 1);
  }

  /** Calls currently in flight on this endpoint. */
  public int inFlight() {
    return inFlight;
  }

  /** Consecutive failures since the last success. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /**
   * The peak-EWMA latency estimate as of the last sample, in nanoseconds; 0 before the first
   * sample. Pickers read {@link #estimateNanos} instead, which also decays with idle time.
   */
  public long ewmaNanos() {
    return ewmaNanos;
  }

  /**
   * The latency estimate at {@code now}: while the endpoint has no call in flight, the last
   * estimate decayed towards 0 by the time since the last sample, {@code ewma × exp(-idle/τ_idle)}
   * (τ_idle = τ / {@link PeakEwma#IDLE_DECAY_RATIO}, doubled per {@link PeakEwma#nextBackoff
   * backoff} step), or with τ itself while the endpoint's last call failed: a failing endpoint is
   * not given the benefit of the doubt for being idle, since trying it costs a failed call rather
   * than a slow one. While a call is in flight, the last estimate itself: the decay earns an idle
   * endpoint one retry at a time, not one per concurrent caller.
   *
   * <p>Why at read time: an endpoint that receives no calls receives no samples, so an estimate
   * aged only by a timer stays frozen between ticks, and whichever of two equal endpoints looked
   * faster by noise takes every call until the timer fires (issue 12: 300 of 300 calls to one of
   * two 5 ms instances). Decayed at read, an idle endpoint grows cheaper with every millisecond and
   * wins back a call as soon as it undercuts the busy one, so equal endpoints alternate.
   *
   * <p>Lock-free, allocation-free: up to five volatile reads of one cache line and, for an idle
   * time above τ_idle/1000, one {@link Math#exp}; nothing is written.
   */
  public long estimateNanos(long now) {
    return estimateNanos(now, inFlight);
  }

  /**
   * {@link #estimateNanos(long)} with the in-flight count the caller has already read: the pick
   * path reads it once for both the estimate and the cost.
   *
   * @param now the time pickers pass ({@link #nowNanos()})
   * @param inFlight this endpoint's calls in flight, as just read from {@link #inFlight()}
   * @return the estimate in nanoseconds; 0 before the first sample
   */
  public long estimateNanos(long now, int inFlight) {
    long ewma = ewmaNanos;
    // An endpoint with a call in flight is not idle: its answer is on the way. Decayed meanwhile,
    // a slow endpoint's retry made it cheaper with every millisecond it ran, and under load every
    // pick during that retry piled onto it (issue 12 §10: 12–15 calls at once on an instance of 2
    // workers, 500 ms each). Undecayed, it takes one retry at a time. A busy endpoint loses
    // nothing: its samples keep its estimate current.
    if (ewma == 0 || inFlight > 0) {
      return ewma;
    }
    long idle = now - lastSampleNanos;
    if (idle <= 0) {
      return ewma;
    }
    return PeakEwma.decayed(ewma, idle, idleDecayRate());
  }

  /** {@code 1/τ_idle}, or {@code 1/τ} while the last call failed (see {@link #estimateNanos}). */
  private double idleDecayRate() {
    return consecutiveFailures == 0
        ? PeakEwma.idleDecayRate(inverseIdleDecayNanos, idleBackoff)
        : inverseDecayNanos;
  }

  /** The time pickers pass to {@link #estimateNanos}: the same clock that stamps samples. */
  public long nowNanos() {
    return feedback.sampleNanoTime();
  }

  /** When the last latency sample was recorded (ticker nanos). */
  public long lastSampleNanos() {
    return lastSampleNanos;
  }

  @Override
  public void complete(Outcome outcome, long latencyNanos) {
    IN_FLIGHT.getAndAdd(this, -1);
    // Reference comparisons rather than an enum switch (which indexes a synthetic lookup table).
    if (outcome == Outcome.SUCCESS) {
      recordLatency(Math.max(0, latencyNanos));
      if (consecutiveFailures != 0) {
        consecutiveFailures = 0;
      }
    } else if (outcome == Outcome.FAILURE) {
      recordLatency(Math.max(latencyNanos, failurePenaltyNanos));
      int n = (int) FAILURES.getAndAdd(this, 1) + 1;
      int threshold = feedback.failureThreshold();
      if (threshold > 0 && n >= threshold && n % threshold == 0) {
        feedback.onConsecutiveFailures(this, n);
      }
    } else if (outcome == Outcome.CANCELLED && latencyNanos > ewmaNanos) {
      // CANCELLED: the latency is a lower bound, only news when it exceeds the estimate.
      recordLatency(latencyNanos);
    }
    // NOT_SENT: the endpoint never saw the call; nothing to learn.
  }

  /** Resets the failure streak (after an ejection ends). */
  public void resetFailures() {
    consecutiveFailures = 0;
  }

  private void recordLatency(long sampleNanos) {
    long now = feedback.sampleNanoTime();
    long last = lastSampleNanos;
    if (now != last) {
      // Written only when the (coarse) time moved: threads completing on the same endpoint do not
      // bounce its cache line on every call.
      lastSampleNanos = now;
    }
    long elapsed = now - last;
    // The part of the time since the previous sample that came before this call started: if the
    // endpoint was idle then, pickers saw its estimate decay (estimateNanos; not while another
    // call was in flight, which this path does not track: a busy endpoint's peak is then forgotten
    // a little sooner). The sample starts from that decayed estimate, as Finagle's
    // read-then-observe does; starting from the
    // stored one would undo the idle decay the moment an idle endpoint is tried, and it would lose
    // again to the busy one it just undercut.
    long idle = elapsed - sampleNanos;
    long busy = Math.min(sampleNanos, elapsed);
    // Read only after idle time: within one tick (nearly every completion) it is not needed.
    double idleRate = idle > 0 ? idleDecayRate() : 0;
    for (int i = 0; i < 8; i++) {
      long current = ewmaNanos;
      long base = current != 0 && idle > 0 ? PeakEwma.decayed(current, idle, idleRate) : current;
      long next = PeakEwma.next(current, base, sampleNanos, busy, inverseDecayNanos);
      if (next == current || EWMA.compareAndSet(this, current, next)) {
        if (current != 0 && idle > 0) {
          int backoff = idleBackoff;
          int nextBackoff = PeakEwma.nextBackoff(backoff, sampleNanos, current, base);
          if (nextBackoff != backoff) {
            // Racy by design: a lost update only retries an endpoint a little earlier or later.
            idleBackoff = nextBackoff;
          }
        }
        return;
      }
    }
    // Under heavy contention losing a sample is harmless: the next one will land.
  }

  /** The current τ_idle backoff step, 0..{@link PeakEwma#MAX_IDLE_BACKOFF} (tests, diagnostics). */
  public int idleBackoff() {
    return idleBackoff;
  }

  @Override
  public String toString() {
    return endpoint.id();
  }
}
