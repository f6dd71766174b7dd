package dev.ballast.examples.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Counts the database work of the demo per node that answered (identified by the server port each
 * query returns): reads, writes, read-your-writes checks and stale reads among them, failures, and
 * the writes that reach a newly promoted primary. Load threads record concurrently; one sampler
 * thread {@linkplain #drain drains}.
 */
public final class DbStats {

  private final List<String> nodes;
  private final LongAdder[] reads;
  private final LongAdder[] writes;
  private final LongAdder checks = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder readFailures = new LongAdder();
  private final LongAdder writeFailures = new LongAdder();
  private final LongAdder writesOnNewPrimary = new LongAdder();
  private final Recorder latency = new Recorder(3);
  private final AtomicLong primaryDownNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong firstNewPrimaryWriteNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile @Nullable String newPrimary;

  private final long[] lastReads;
  private final long[] lastWrites;
  private long lastChecks;
  private long lastStale;
  private long lastReadFailures;
  private long lastWriteFailures;
  private long lastDrainNanos = System.nanoTime();

  /** Statistics for the nodes named, primary first. */
  public DbStats(List<String> nodes) {
    this.nodes = List.copyOf(nodes);
    int n = nodes.size();
    reads = new LongAdder[n];
    writes = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      reads[i] = new LongAdder();
      writes[i] = new LongAdder();
    }
    lastReads = new long[n];
    lastWrites = new long[n];
  }

  /** The node names, primary first. */
  public List<String> nodes() {
    return nodes;
  }

  /**
   * Records a read answered by {@code node}.
   *
   * @param ownWriteChecked whether the read looked for the thread's own preceding write
   * @param sawOwnWrite whether it found it (ignored when not checked)
   */
  public void recordRead(String node, long nanos, boolean ownWriteChecked, boolean sawOwnWrite) {
    int i = nodes.indexOf(node);
    if (i >= 0) {
      reads[i].increment();
    }
    if (ownWriteChecked) {
      checks.increment();
      if (!sawOwnWrite) {
        stale.increment();
      }
    }
    latency.recordValue(TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  /** Records a write answered by {@code node}. */
  public void recordWrite(String node, long nanos) {
    int i = nodes.indexOf(node);
    if (i >= 0) {
      writes[i].increment();
    }
    latency.recordValue(TimeUnit.NANOSECONDS.toMicros(nanos));
    if (node.equals(newPrimary)) {
      writesOnNewPrimary.increment();
      firstNewPrimaryWriteNanos.compareAndSet(Long.MIN_VALUE, System.nanoTime());
    }
  }

  /** Records a read that failed. */
  public void recordReadFailure() {
    readFailures.increment();
  }

  /** Records a write that failed. */
  public void recordWriteFailure() {
    writeFailures.increment();
  }

  /** Notes that the primary died now. */
  public void primaryDown() {
    primaryDownNanos.compareAndSet(Long.MIN_VALUE, System.nanoTime());
  }

  /** Notes which node was promoted; its writes from now on count as writes on the new primary. */
  public void promoted(String node) {
    newPrimary = node;
  }

  /** True when the primary died and no write has reached the promoted node yet. */
  public boolean failoverInProgress() {
    return primaryDownNanos.get() != Long.MIN_VALUE
        && firstNewPrimaryWriteNanos.get() == Long.MIN_VALUE;
  }

  /** The promoted node, or null before a promotion. */
  public @Nullable String newPrimary() {
    return newPrimary;
  }

  /** Writes the promoted node answered. */
  public long writesOnNewPrimary() {
    return writesOnNewPrimary.sum();
  }

  /**
   * Nanoseconds from the primary's death to the first write on the promoted node; negative when
   * either has not happened.
   */
  public long failoverNanos() {
    long down = primaryDownNanos.get();
    long first = firstNewPrimaryWriteNanos.get();
    return down == Long.MIN_VALUE || first == Long.MIN_VALUE ? -1 : Math.max(0, first - down);
  }

  /** Everything recorded since the previous drain; one draining thread only. */
  public DbInterval drain(long nowNanos) {
    int n = nodes.size();
    long[] r = new long[n];
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      long tr = reads[i].sum();
      long tw = writes[i].sum();
      r[i] = tr - lastReads[i];
      w[i] = tw - lastWrites[i];
      lastReads[i] = tr;
      lastWrites[i] = tw;
    }
    long c = checks.sum();
    long s = stale.sum();
    long rf = readFailures.sum();
    long wf = writeFailures.sum();
    Histogram h = latency.getIntervalHistogram();
    DbInterval interval =
        new DbInterval(
            nowNanos - lastDrainNanos,
            r,
            w,
            c - lastChecks,
            s - lastStale,
            rf - lastReadFailures,
            wf - lastWriteFailures,
            h);
    lastChecks = c;
    lastStale = s;
    lastReadFailures = rf;
    lastWriteFailures = wf;
    lastDrainNanos = nowNanos;
    return interval;
  }
}
