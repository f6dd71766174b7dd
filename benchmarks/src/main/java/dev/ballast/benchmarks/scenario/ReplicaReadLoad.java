package dev.ballast.benchmarks.scenario;

import static dev.ballast.benchmarks.scenario.Reactions.LIMIT_NANOS;
import static dev.ballast.benchmarks.scenario.Reactions.joinQuietly;

import dev.ballast.jdbc.RoutingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The read load of {@link JdbcFaultReactions}: read-only connections back to back on one thread,
 * counting where they landed (on r1 or not), how many failed and the slowest.
 */
final class ReplicaReadLoad implements Runnable {
  final AtomicLong reads = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong readsOnR1 = new AtomicLong();
  final AtomicLong slowestMicros = new AtomicLong();
  private final RoutingDataSource ds;
  private final int r1Port;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread = new Thread(this, "reaction-reads");

  ReplicaReadLoad(RoutingDataSource ds, int r1Port) {
    this.ds = ds;
    this.r1Port = r1Port;
  }

  void start() {
    thread.start();
  }

  void stop() {
    running.set(false);
    joinQuietly(thread);
  }

  @Override
  public void run() {
    long deadline = System.nanoTime() + LIMIT_NANOS * 20;
    while (running.get() && System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        c.setReadOnly(true);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
          rs.next();
          if (rs.getInt(1) == r1Port) {
            readsOnR1.incrementAndGet();
          }
        }
      } catch (SQLException e) {
        failed.incrementAndGet();
      }
      reads.incrementAndGet();
      slowestMicros.accumulateAndGet((System.nanoTime() - t0) / 1000, Math::max);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
