package dev.ballast.benchmarks.scenario;

import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.RoutingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Write-then-read-back steps through a router, one request each: the step writes a new value of
 * {@code bench_counter} row 1 on a read-write connection, then reads it back on a read-only one and
 * counts the read-back as stale if it saw an older value. Shared by the PostgreSQL and MariaDB
 * consistency sections, which differ only in how the read tells a replica from the primary.
 */
final class ReadBackSteps {
  /** Read-backs that saw an older value than the step wrote. */
  int stale;

  /** Read-backs a replica served. */
  int replicaReads;

  /** Latency of each read-back (the read-only connection's whole life), µs. */
  final Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

  private ReadBackSteps() {}

  /**
   * Runs {@code steps} steps.
   *
   * @param readSql selects {@code v} of row 1 and, second, whether the server is a replica
   * @param request opens the consistency scope of one step's request
   */
  static ReadBackSteps run(
      RoutingDataSource router,
      int steps,
      String readSql,
      Function<RoutingDataSource, ConsistencyScope> request)
      throws SQLException {
    ReadBackSteps result = new ReadBackSteps();
    long value = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      value++;
      // each step is one request: outside a scope, read-your-writes ends with the writing
      // connection, before the read-back
      ConsistencyScope scope = request.apply(router);
      try (Connection c = router.getConnection();
          PreparedStatement s = c.prepareStatement("UPDATE bench_counter SET v = ? WHERE id = 1")) {
        s.setLong(1, value);
        s.executeUpdate();
      }
      long t0 = System.nanoTime();
      try (Connection c = router.getConnection()) {
        c.setReadOnly(true);
        try (PreparedStatement s = c.prepareStatement(readSql);
            ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getLong(1) < value) {
            result.stale++;
          }
          if (rs.getBoolean(2)) {
            result.replicaReads++;
          }
        }
      }
      scope.close();
      result.latencyMicros.recordValue((System.nanoTime() - t0) / 1000);
      // Space the steps so a window or a lag can matter between one step and the next.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return result;
  }
}
