package dev.ballast.examples.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the outcome of every HTTP call on the caller's side, per instance that answered: calls,
 * 5xx answers, calls that got no answer, retries, and latency (microseconds, HdrHistogram). Load
 * threads record concurrently without locks; one sampler thread {@linkplain #drain() drains} what
 * was recorded since its previous drain.
 */
public final class HttpStats {

  private final int instances;
  private final LongAdder[] served;
  private final LongAdder[] errors;
  private final Recorder[] latency;
  private final Recorder allLatency = new Recorder(3);
  private final LongAdder calls = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder retries = new LongAdder();

  // Sampler side only.
  private final long[] lastServed;
  private final long[] lastErrors;
  private long lastCalls;
  private long lastFailures;
  private long lastRetries;
  private long lastDrainNanos = System.nanoTime();

  /** Statistics for {@code instances} instances, indexed as the stage orders them. */
  public HttpStats(int instances) {
    this.instances = instances;
    this.served = new LongAdder[instances];
    this.errors = new LongAdder[instances];
    this.latency = new Recorder[instances];
    for (int i = 0; i < instances; i++) {
      served[i] = new LongAdder();
      errors[i] = new LongAdder();
      latency[i] = new Recorder(3);
    }
    this.lastServed = new long[instances];
    this.lastErrors = new long[instances];
  }

  /** The number of instances. */
  public int instances() {
    return instances;
  }

  /**
   * Records a call that got a response.
   *
   * @param instance the index of the instance that answered, or -1 when unknown
   * @param nanos the call's latency, retries included
   * @param status the HTTP status
   * @param attempts how many attempts the client made (1 without retries)
   */
  public void recordResponse(int instance, long nanos, int status, int attempts) {
    long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
    calls.increment();
    retries.add(Math.max(0, attempts - 1));
    allLatency.recordValue(micros);
    boolean error = status >= 500;
    if (error) {
      failures.increment();
    }
    if (instance >= 0 && instance < instances) {
      served[instance].increment();
      latency[instance].recordValue(micros);
      if (error) {
        errors[instance].increment();
      }
    }
  }

  /**
   * Records a call that got no response at all.
   *
   * @param nanos how long the call took to fail
   * @param attempts how many attempts the client made, when known (else 1)
   */
  public void recordNoResponse(long nanos, int attempts) {
    calls.increment();
    failures.increment();
    retries.add(Math.max(0, attempts - 1));
    allLatency.recordValue(TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  /**
   * Everything recorded since the previous drain. Only one thread may drain.
   *
   * @param nowNanos {@link System#nanoTime()} now
   */
  public HttpInterval drain(long nowNanos) {
    long[] s = new long[instances];
    long[] e = new long[instances];
    Histogram[] h = new Histogram[instances];
    for (int i = 0; i < instances; i++) {
      long totalServed = served[i].sum();
      long totalErrors = errors[i].sum();
      s[i] = totalServed - lastServed[i];
      e[i] = totalErrors - lastErrors[i];
      lastServed[i] = totalServed;
      lastErrors[i] = totalErrors;
      h[i] = latency[i].getIntervalHistogram();
    }
    long c = calls.sum();
    long f = failures.sum();
    long r = retries.sum();
    HttpInterval interval =
        new HttpInterval(
            nowNanos - lastDrainNanos,
            s,
            e,
            c - lastCalls,
            f - lastFailures,
            r - lastRetries,
            h,
            allLatency.getIntervalHistogram());
    lastCalls = c;
    lastFailures = f;
    lastRetries = r;
    lastDrainNanos = nowNanos;
    return interval;
  }
}
