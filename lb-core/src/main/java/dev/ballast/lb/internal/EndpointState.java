package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps the hot counters of {@link EndpointState} off neighbours' cache lines. */
abstract class EndpointStatePadLeft {
  long p01, p02, p03, p04, p05, p06, p07;
}

/** The hot, contended fields, written on every pick and completion. */
abstract class EndpointStateHot extends EndpointStatePadLeft {
  volatile int inFlight;
  volatile int consecutiveFailures;
  volatile long ewmaNanos;
  volatile long lastSampleNanos;
}

/** Right padding. */
abstract class EndpointStatePadRight extends EndpointStateHot {
  long p11, p12, p13, p14, p15, p16, p17;
}

/**
 * Live statistics of one endpoint, kept across picker rebuilds by endpoint identity. It is also the
 * {@link Pick} handed to callers, so a pick allocates nothing.
 *
 * <p>Thread-safety: counters are updated lock-free from any thread; {@link #endpoint} and {@link
 * #local} are rewritten only by the control plane and read racily (volatile) by pickers.
 *
 * <p>Peak-EWMA: a latency sample above the estimate replaces it (react at once to a slowdown); a
 * lower one is blended in with {@code w = exp(-Δt/τ)}, so an endpoint that got faster earns its
 * traffic back over about τ. Failures are recorded as samples of {@link #failurePenaltyNanos}, so
 * an endpoint that fails fast does not look fast.
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

  /** Current peak-EWMA latency estimate in nanoseconds; 0 before the first sample. */
  public long ewmaNanos() {
    return ewmaNanos;
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
    } else if (latencyNanos > ewmaNanos) {
      // CANCELLED: the latency is a lower bound, only news when it exceeds the estimate.
      recordLatency(latencyNanos);
    }
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
    for (int i = 0; i < 8; i++) {
      long current = ewmaNanos;
      long next;
      if (current == 0 || sampleNanos >= current) {
        next = sampleNanos;
      } else {
        // A lower sample pulls the estimate down by the time elapsed since the previous one, so
        // the decay follows time, not call count: samples within one tick of the previous add
        // nothing, and the first after it carries the whole tick's weight.
        long elapsed = now - last;
        if (elapsed <= 0) {
          return;
        }
        double w = decayWeight(elapsed / (double) decayNanos);
        next = (long) (current * w + sampleNanos * (1 - w));
      }
      if (next == current || EWMA.compareAndSet(this, current, next)) {
        return;
      }
    }
    // Under heavy contention losing a sample is harmless: the next one will land.
  }

  /**
   * {@code exp(-x)}. Between samples of a busy endpoint x is tiny (microseconds over τ = 10 s),
   * where the second-order Taylor form is exact to 1e-9 and several times cheaper than {@link
   * Math#exp}; the hot completion path takes that branch.
   */
  static double decayWeight(double x) {
    if (x < 1e-3) {
      return 1 - x + x * x * 0.5;
    }
    return Math.exp(-x);
  }

  /**
   * Control plane: ages the estimate of an endpoint that received no samples for a while towards
   * zero, so an endpoint once slow is tried again instead of being starved forever.
   */
  public void ageIdle(long now) {
    long last = lastSampleNanos;
    long idle = now - last;
    if (idle < decayNanos / 4) {
      return;
    }
    long current = ewmaNanos;
    double w = decayWeight(idle / (double) decayNanos);
    if (EWMA.compareAndSet(this, current, (long) (current * w))) {
      lastSampleNanos = now;
    }
  }

  @Override
  public String toString() {
    return endpoint.id();
  }
}
