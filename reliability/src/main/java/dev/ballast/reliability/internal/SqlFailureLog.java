package dev.ballast.reliability.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The failures of one kind of {@link JdbcTraffic} operation (writes or reads): how many, when (the
 * first thousand), of which {@link #kind}, and the window from the start of the first to the end of
 * the last; also how a failure is classified. Thread-safe.
 */
final class SqlFailureLog {
  private static final int KEPT_TIMES = 1_000;

  private final LongAdder count = new LongAdder();
  private final ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<String, LongAdder> kinds = new ConcurrentHashMap<>();
  private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong slowestNanos = new AtomicLong();

  /** Records a failure {@code e} of an operation that ran from {@code start} to {@code end}. */
  void record(long start, long end, SQLException e) {
    count.increment();
    if (times.size() < KEPT_TIMES) {
      times.add(end);
    }
    firstStartNanos.accumulateAndGet(start, Math::min);
    lastEndNanos.accumulateAndGet(end, Math::max);
    slowestNanos.accumulateAndGet(end - start, Math::max);
    kinds.computeIfAbsent(kind(e), k -> new LongAdder()).increment();
  }

  long count() {
    return count.sum();
  }

  List<Long> times() {
    return List.copyOf(times);
  }

  Map<String, Long> kinds() {
    Map<String, Long> m = new TreeMap<>();
    kinds.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  long windowMillis() {
    long first = firstStartNanos.get();
    long last = lastEndNanos.get();
    return first == Long.MAX_VALUE ? 0 : (last - first) / 1_000_000;
  }

  OptionalLong firstStartNanos() {
    long first = firstStartNanos.get();
    return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
  }

  long slowestMillis() {
    return slowestNanos.get() / 1_000_000;
  }

  /** See {@link JdbcTraffic#kind}. */
  static String kind(SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.startsWith("no primary for ")) {
      return "no-primary";
    }
    if (msg.startsWith("no replica of ")) {
      return "no-replica";
    }
    return "SQLState " + e.getSQLState();
  }

  /** See {@link JdbcTraffic#isFailFastKind}. */
  static boolean isFailFastKind(String kind) {
    return kind.equals("no-primary")
        || kind.startsWith("SQLState 08")
        || kind.equals("SQLState 57P01")
        || kind.equals("SQLState 57P02")
        || kind.equals("SQLState 57P03");
  }
}
