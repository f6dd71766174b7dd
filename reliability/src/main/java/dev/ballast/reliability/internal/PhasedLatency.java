package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms by phase ("steady", "deploy", …): {@link #record} goes to the phase set last
 * by {@link #phase}. Values are microseconds, from 1 µs to 60 s at 3 significant digits.
 *
 * <p>Thread-safe: recording is lock-free (HdrHistogram's {@link ConcurrentHistogram}); a value
 * recorded while the phase changes lands in one of the two phases.
 */
public final class PhasedLatency {
  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final Map<String, ConcurrentHistogram> phases = new LinkedHashMap<>();
  private volatile ConcurrentHistogram current;

  /** Starts in phase {@code first}. */
  public PhasedLatency(String first) {
    this.current = histogram(first);
  }

  private synchronized ConcurrentHistogram histogram(String phase) {
    return phases.computeIfAbsent(
        requireNonNull(phase, "phase"), p -> new ConcurrentHistogram(1, MAX_MICROS, 3));
  }

  /** Switches recording to {@code phase} (created on first use; an old phase continues). */
  public void phase(String phase) {
    current = histogram(phase);
  }

  /** Records one latency, in nanoseconds (clamped to the histogram's range). */
  public void record(long nanos) {
    long micros = Math.max(1, Math.min(MAX_MICROS, nanos / 1_000));
    current.recordValue(micros);
  }

  /** A copy of the histogram of {@code phase} (empty when it never ran). */
  public synchronized Histogram snapshot(String phase) {
    ConcurrentHistogram h = phases.get(phase);
    return h == null ? new Histogram(1, MAX_MICROS, 3) : h.copy();
  }

  /** The {@code percentile} (0..100) of {@code phase}, in milliseconds. */
  public double percentileMillis(String phase, double percentile) {
    Histogram h = snapshot(phase);
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The number of values recorded in {@code phase}. */
  public long count(String phase) {
    return snapshot(phase).getTotalCount();
  }

  /** {@code phase: n=…, p50=… ms, p99=… ms, max=… ms}. */
  public String summary(String phase) {
    Histogram h = snapshot(phase);
    return String.format(
        java.util.Locale.ROOT,
        "%s: n=%d, p50=%.2f ms, p99=%.2f ms, max=%.2f ms",
        phase,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
