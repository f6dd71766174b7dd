package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-second counts and latency percentiles of a run, for the soak's timeline chart.
 *
 * <p>Counts go into one bucket per elapsed second ({@link #count}); latencies into an HdrHistogram
 * {@link Recorder} per series, which a daemon sampler thread ({@code timeline-sampler}) drains once
 * a second into that second's p50, p99 and max. Values past {@code maxLength} are dropped.
 *
 * <p>Thread-safe and lock-free on the recording path. {@link #close()} stops the sampler.
 */
public final class Timeline implements AutoCloseable {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final long startNanos;
  private final int buckets;
  private final ConcurrentHashMap<String, AtomicLongArray> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Recorder> recorders = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, double[][]> percentiles = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean closed;
  private volatile int sampledSeconds;

  private Timeline(Duration maxLength) {
    this.startNanos = System.nanoTime();
    this.buckets = (int) Math.max(1, maxLength.toSeconds() + 2);
    this.sampler = new Thread(this::sample, "timeline-sampler");
    sampler.setDaemon(true);
  }

  /** Starts a timeline at the current instant, holding at most {@code maxLength}. */
  public static Timeline start(Duration maxLength) {
    Timeline t = new Timeline(requireNonNull(maxLength, "maxLength"));
    t.sampler.start();
    return t;
  }

  /** The {@link System#nanoTime()} of second 0. */
  public long startNanos() {
    return startNanos;
  }

  /** Seconds since the start, as a fraction. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / (double) SECOND;
  }

  /** The second a {@link System#nanoTime()} value falls into. */
  public double secondOf(long nanoTime) {
    return (nanoTime - startNanos) / (double) SECOND;
  }

  /** Adds one to {@code series} in the current second. */
  public void count(String series) {
    add(series, 1);
  }

  /** Adds {@code n} to {@code series} in the current second. */
  public void add(String series, long n) {
    int b = bucket(System.nanoTime());
    if (b < 0) {
      return;
    }
    counts.computeIfAbsent(series, k -> new AtomicLongArray(buckets)).addAndGet(b, n);
  }

  /** Raises {@code series} in the current second to at least {@code value} (a gauge's maximum). */
  public void max(String series, long value) {
    int b = bucket(System.nanoTime());
    if (b < 0) {
      return;
    }
    counts
        .computeIfAbsent(series, k -> new AtomicLongArray(buckets))
        .accumulateAndGet(b, value, Math::max);
  }

  /** Records a latency of {@code series}, in nanoseconds. */
  public void latency(String series, long nanos) {
    recorders
        .computeIfAbsent(series, k -> new Recorder(1, MAX_MICROS, 2))
        .recordValue(Math.max(1, Math.min(MAX_MICROS, nanos / 1_000)));
  }

  private int bucket(long nanoTime) {
    long b = (nanoTime - startNanos) / SECOND;
    return b < 0 || b >= buckets ? -1 : (int) b;
  }

  private void sample() {
    int second = 0;
    while (!closed && second < buckets) {
      long wake = startNanos + (second + 1) * SECOND;
      long wait = wake - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
        if (System.nanoTime() < wake) {
          continue; // spurious wake-up or close()
        }
      }
      drain(second);
      second++;
      sampledSeconds = second;
    }
  }

  private void drain(int second) {
    for (Map.Entry<String, Recorder> e : recorders.entrySet()) {
      Histogram h = e.getValue().getIntervalHistogram();
      double[][] p = percentiles.computeIfAbsent(e.getKey(), k -> nanArrays());
      if (h.getTotalCount() > 0) {
        p[0][second] = h.getValueAtPercentile(50) / 1000.0;
        p[1][second] = h.getValueAtPercentile(99) / 1000.0;
        p[2][second] = h.getMaxValue() / 1000.0;
      } else {
        p[0][second] = Double.NaN;
        p[1][second] = Double.NaN;
        p[2][second] = Double.NaN;
      }
    }
  }

  private double[][] nanArrays() {
    double[][] p = new double[3][buckets];
    for (double[] row : p) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    return p;
  }

  /** Whole seconds whose latencies have been sampled. */
  public int seconds() {
    return sampledSeconds;
  }

  /** The names of the count series, sorted. */
  public List<String> countSeries() {
    return new ArrayList<>(new TreeMap<>(counts).keySet());
  }

  /** The names of the latency series, sorted. */
  public List<String> latencySeries() {
    return new ArrayList<>(new TreeMap<>(percentiles).keySet());
  }

  /** The per-second counts of {@code series} over the first {@code n} seconds (zeros if none). */
  public long[] counts(String series, int n) {
    long[] out = new long[n];
    AtomicLongArray a = counts.get(series);
    if (a != null) {
      for (int i = 0; i < n && i < a.length(); i++) {
        out[i] = a.get(i);
      }
    }
    return out;
  }

  /** The sum of {@code series} over the whole run. */
  public long total(String series) {
    AtomicLongArray a = counts.get(series);
    long sum = 0;
    if (a != null) {
      for (int i = 0; i < a.length(); i++) {
        sum += a.get(i);
      }
    }
    return sum;
  }

  /**
   * Per-second latency of {@code series} in milliseconds over the first {@code n} seconds: {@code
   * which} 0 = p50, 1 = p99, 2 = max; NaN for seconds without values.
   */
  public double[] latencyMillis(String series, int which, int n) {
    double[] out = new double[n];
    double[][] p = percentiles.get(series);
    for (int i = 0; i < n; i++) {
      out[i] = p == null || i >= p[which].length ? Double.NaN : p[which][i];
    }
    return out;
  }

  /** Stops the sampler (the last partial second is not sampled). Idempotent. */
  @Override
  public void close() {
    closed = true;
    java.util.concurrent.locks.LockSupport.unpark(sampler);
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
