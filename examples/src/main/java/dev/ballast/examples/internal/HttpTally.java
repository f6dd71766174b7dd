package dev.ballast.examples.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A sum of {@link HttpInterval}s, with the shares and percentiles the view, the charts and the
 * summary show. Not thread-safe: owned by the thread that plays the act.
 */
public final class HttpTally {

  private final List<String> ids;
  private final List<String> zones;
  private final String localZone;
  private final long[] served;
  private final long[] errors;
  private final Histogram[] latency;
  private final Histogram allLatency = new Histogram(3);
  private long calls;
  private long failures;
  private long retries;
  private long nanos;

  /**
   * An empty tally.
   *
   * @param ids instance ids in stage order
   * @param zones their zones, same order
   * @param localZone the caller's zone
   */
  public HttpTally(List<String> ids, List<String> zones, String localZone) {
    this.ids = List.copyOf(ids);
    this.zones = List.copyOf(zones);
    this.localZone = localZone;
    int n = ids.size();
    this.served = new long[n];
    this.errors = new long[n];
    this.latency = new Histogram[n];
    for (int i = 0; i < n; i++) {
      latency[i] = new Histogram(3);
    }
  }

  /** A tally of {@code intervals}. */
  public static HttpTally of(
      List<String> ids, List<String> zones, String localZone, Iterable<HttpInterval> intervals) {
    HttpTally t = new HttpTally(ids, zones, localZone);
    intervals.forEach(t::add);
    return t;
  }

  /** Adds one interval. */
  public void add(HttpInterval interval) {
    for (int i = 0; i < served.length; i++) {
      served[i] += interval.served()[i];
      errors[i] += interval.errors()[i];
      latency[i].add(interval.latency()[i]);
    }
    allLatency.add(interval.allLatency());
    calls += interval.calls();
    failures += interval.failures();
    retries += interval.retries();
    nanos += interval.nanos();
  }

  /** Calls completed. */
  public long calls() {
    return calls;
  }

  /** Calls without a non-5xx answer. */
  public long failures() {
    return failures;
  }

  /** Extra attempts. */
  public long retries() {
    return retries;
  }

  /** Calls per second over the tallied time; 0 for no time. */
  public double rate() {
    return nanos == 0 ? 0 : calls * 1e9 / nanos;
  }

  /** Answers served by instance {@code i}. */
  public long served(int i) {
    return served[i];
  }

  /** Answers served by instance {@code i} per second. */
  public double rate(int i) {
    return nanos == 0 ? 0 : served[i] * 1e9 / nanos;
  }

  /** 5xx answers from instance {@code i}. */
  public long errors(int i) {
    return errors[i];
  }

  /** All answers served by any instance. */
  public long servedTotal() {
    long sum = 0;
    for (long s : served) {
      sum += s;
    }
    return sum;
  }

  /** Instance {@code i}'s share of the answers, 0..1 (0 without answers). */
  public double share(int i) {
    long total = servedTotal();
    return total == 0 ? 0 : served[i] / (double) total;
  }

  /** The share of answers from the local zone, 0..1 (0 without answers). */
  public double localShare() {
    return zoneShares().getOrDefault(localZone, 0.0);
  }

  /** Shares per zone, zones in stage order. */
  public Map<String, Double> zoneShares() {
    Map<String, Double> shares = new LinkedHashMap<>();
    long total = servedTotal();
    for (int i = 0; i < served.length; i++) {
      double s = total == 0 ? 0 : served[i] / (double) total;
      shares.merge(zones.get(i), s, Double::sum);
    }
    return shares;
  }

  /** Shares per instance id, in stage order. */
  public Map<String, Double> instanceShares() {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (int i = 0; i < served.length; i++) {
      shares.put(ids.get(i), share(i));
    }
    return shares;
  }

  /** The 99th percentile latency of instance {@code i} in ms; NaN without answers. */
  public double p99Millis(int i) {
    return latency[i].getTotalCount() == 0
        ? Double.NaN
        : latency[i].getValueAtPercentile(99) / 1000.0;
  }

  /** The 99th percentile latency of all calls in ms; NaN without calls. */
  public double p99Millis() {
    return allLatency.getTotalCount() == 0
        ? Double.NaN
        : allLatency.getValueAtPercentile(99) / 1000.0;
  }

  /** Tallied time in nanoseconds. */
  public long nanos() {
    return nanos;
  }
}
