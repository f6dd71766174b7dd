package dev.ballast.examples.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A sum of {@link DbInterval}s. Not thread-safe: owned by the thread that plays the act. */
public final class DbTally {

  private final List<String> nodes;
  private final long[] reads;
  private final long[] writes;
  private final Histogram latency = new Histogram(3);
  private long checks;
  private long stale;
  private long readFailures;
  private long writeFailures;
  private long nanos;

  /** An empty tally over {@code nodes}, primary first. */
  public DbTally(List<String> nodes) {
    this.nodes = List.copyOf(nodes);
    reads = new long[nodes.size()];
    writes = new long[nodes.size()];
  }

  /** A tally of {@code intervals}. */
  public static DbTally of(List<String> nodes, Iterable<DbInterval> intervals) {
    DbTally t = new DbTally(nodes);
    intervals.forEach(t::add);
    return t;
  }

  /** Adds one interval. */
  public void add(DbInterval interval) {
    for (int i = 0; i < reads.length; i++) {
      reads[i] += interval.reads()[i];
      writes[i] += interval.writes()[i];
    }
    checks += interval.checks();
    stale += interval.stale();
    readFailures += interval.readFailures();
    writeFailures += interval.writeFailures();
    latency.add(interval.latency());
    nanos += interval.nanos();
  }

  /** The node names. */
  public List<String> nodes() {
    return nodes;
  }

  /** Reads answered by node {@code i}. */
  public long reads(int i) {
    return reads[i];
  }

  /** Writes answered by node {@code i}. */
  public long writes(int i) {
    return writes[i];
  }

  /** All successful reads. */
  public long readsTotal() {
    long sum = 0;
    for (long r : reads) {
      sum += r;
    }
    return sum;
  }

  /** All successful writes. */
  public long writesTotal() {
    long sum = 0;
    for (long w : writes) {
      sum += w;
    }
    return sum;
  }

  /** Node {@code i}'s share of the reads, 0..1. */
  public double readShare(int i) {
    long total = readsTotal();
    return total == 0 ? 0 : reads[i] / (double) total;
  }

  /** Node {@code i}'s share of the writes, 0..1. */
  public double writeShare(int i) {
    long total = writesTotal();
    return total == 0 ? 0 : writes[i] / (double) total;
  }

  /** Read-your-writes checks. */
  public long checks() {
    return checks;
  }

  /** Stale reads among the checks. */
  public long stale() {
    return stale;
  }

  /** Failed reads. */
  public long readFailures() {
    return readFailures;
  }

  /** Failed writes. */
  public long writeFailures() {
    return writeFailures;
  }

  /** 99th percentile operation latency in ms; NaN without operations. */
  public double p99Millis() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
  }

  /** Reads per node name, primary first. */
  public Map<String, Long> readsByNode() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < reads.length; i++) {
      m.put(nodes.get(i), reads[i]);
    }
    return m;
  }

  /** Writes per node name, primary first. */
  public Map<String, Long> writesByNode() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < writes.length; i++) {
      m.put(nodes.get(i), writes[i]);
    }
    return m;
  }
}
