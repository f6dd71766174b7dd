package dev.ballast.reliability.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The writes {@link JdbcTraffic} saw acknowledged: their ids, when (the first 200 000), and which
 * of them a node's table lacks. Thread-safe.
 */
final class AckLog {
  private static final long MAX_ACK_TIMES = 200_000;

  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Long> ackTimes = new ConcurrentLinkedQueue<>();
  private final LongAdder ackTimesKept = new LongAdder();

  /** Records that the write of {@code id} was acknowledged at {@code end}. */
  void add(long id, long end) {
    acknowledged.add(id);
    if (ackTimesKept.sum() < MAX_ACK_TIMES) {
      ackTimesKept.increment();
      ackTimes.add(end);
    }
  }

  Set<Long> ids() {
    return Set.copyOf(acknowledged);
  }

  /** See {@link JdbcTraffic#firstAckAtOrAfter}. */
  OptionalLong firstAtOrAfter(long nanos) {
    long best = Long.MAX_VALUE;
    for (long t : ackTimes) {
      if (t >= nanos && t < best) {
        best = t;
      }
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /** See {@link JdbcTraffic#missingOn}. */
  Set<Long> missingOn(DataSource node, String table) throws SQLException {
    Set<Long> present = new HashSet<>();
    try (Connection c = node.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
      while (rs.next()) {
        present.add(rs.getLong(1));
      }
    }
    Set<Long> missing = new TreeSet<>();
    for (Long id : acknowledged) {
      if (!present.contains(id)) {
        missing.add(id);
      }
    }
    return missing;
  }
}
