package dev.ballast.benchmarks.scenario;

import static dev.ballast.benchmarks.scenario.ReadYourWritesCostSuite.THREADS;

import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.RoutingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The operations of {@link ReadYourWritesCostSuite}, one per thread: the write-then-read cycle,
 * which counts the read-backs that were stale or served by the replica, and the autocommit SELECT.
 */
final class ReadYourWritesCycles {
  /** The values written: ever higher, so that a read-back older than its write shows. */
  private final AtomicLong nextValue = new AtomicLong();

  /** {@code op} once per thread. */
  static List<ClosedLoop.Op> ops(ClosedLoop.Op op) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      ops.add(op);
    }
    return ops;
  }

  /** What the read-backs of one contender's measured cycles saw. */
  static final class ReadBacks {
    final LongAdder total = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder onReplica = new LongAdder();
  }

  /** One write-then-read op per thread; thread {@code t} writes only the rows {@code id ≡ t}. */
  List<ClosedLoop.Op> cycleOps(ReadYourWritesContender p, ReadBacks into, int replicaPort) {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      ops.add(() -> cycle(p, thread, into, replicaPort));
    }
    return ops;
  }

  private void cycle(ReadYourWritesContender p, int thread, ReadBacks into, int replicaPort)
      throws SQLException {
    RoutingDataSource router = p.router();
    if (router == null) {
      writeThenRead(p, thread, into, replicaPort);
      return;
    }
    try (ConsistencyScope request = router.newScope()) {
      writeThenRead(p, thread, into, replicaPort);
    }
  }

  private void writeThenRead(ReadYourWritesContender p, int thread, ReadBacks into, int replicaPort)
      throws SQLException {
    int id =
        1 + thread + THREADS * ThreadLocalRandom.current().nextInt(JdbcContenders.ROWS / THREADS);
    long value = nextValue.incrementAndGet();
    try (Connection c = p.writes().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE bench_items SET v = ? WHERE id = ?")) {
      s.setLong(1, value);
      s.setInt(2, id);
      if (s.executeUpdate() != 1) {
        throw new SQLException("row missing");
      }
    }
    try (Connection c = p.reads().getConnection()) {
      c.setReadOnly(true);
      try (PreparedStatement s =
          c.prepareStatement("SELECT v, inet_server_port() FROM bench_items WHERE id = ?")) {
        s.setInt(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new SQLException("row missing");
          }
          into.total.increment();
          if (r.getLong(1) < value) {
            into.stale.increment();
          }
          if (r.getInt(2) == replicaPort) {
            into.onReplica.increment();
          }
        }
      }
    }
  }

  /** An autocommit SELECT of a random row by primary key on a connection of {@code ds}. */
  static void select(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      selectRow(c, 1 + ThreadLocalRandom.current().nextInt(JdbcContenders.ROWS));
    }
  }

  private static void selectRow(Connection c, int id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT v FROM bench_items WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("row missing");
        }
      }
    }
  }
}
