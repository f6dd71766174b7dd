package dev.ballast.examples.internal;

import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.RoutingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database traffic through a {@link RoutingDataSource}: writer threads that insert a row and at
 * once read it back through {@link RoutingDataSource#forReads()} (the read-your-writes check: a
 * read that does not find the row is stale), and reader threads that only read. Every query returns
 * {@code inet_server_port()}, so each operation is attributed to the node that really answered it.
 * Loops are bounded by {@link #close()}, a maximum run time and a maximum count.
 */
public final class DbLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DbLoad.class);

  /** The demo's table; created by {@link #createSchema}. */
  static final String TABLE = "demo_orders";

  private static final String INSERT =
      "INSERT INTO " + TABLE + " (id, writer, note) VALUES (?, ?, ?) RETURNING inet_server_port()";
  // A scalar subquery: a stale replica still answers (with null), so the read is counted.
  private static final String READ =
      "SELECT (SELECT note FROM " + TABLE + " WHERE id = ?), inet_server_port()";

  private final RoutingDataSource dataSource;
  private final Stage stage;
  private final DbStats stats;
  private final int writers;
  private final int readers;
  private final int opsPerSecondPerThread;
  private final Duration maxRun;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean running;

  /**
   * Traffic that {@link #start()} starts.
   *
   * @param writers threads that write and read their own writes
   * @param readers threads that only read
   * @param opsPerSecondPerThread the pace of each thread (a writer's write and read count as one)
   * @param maxRun the longest the threads may run, a safety net behind {@link #close()}
   */
  public DbLoad(
      RoutingDataSource dataSource,
      Stage stage,
      DbStats stats,
      int writers,
      int readers,
      int opsPerSecondPerThread,
      Duration maxRun) {
    this.dataSource = dataSource;
    this.stage = stage;
    this.stats = stats;
    this.writers = writers;
    this.readers = readers;
    this.opsPerSecondPerThread = opsPerSecondPerThread;
    this.maxRun = maxRun;
  }

  /** Creates the demo's table on the primary, through the router. */
  public static void createSchema(RoutingDataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (id bigint PRIMARY KEY, writer int NOT NULL, note text NOT NULL,"
              + " created timestamptz NOT NULL DEFAULT now())");
    }
  }

  /** Starts the threads. */
  public void start() {
    running = true;
    long start = System.nanoTime();
    long stopAt = start + maxRun.toNanos();
    long interval = TimeUnit.SECONDS.toNanos(1) / opsPerSecondPerThread;
    long maxOps = (maxRun.toSeconds() + 1) * opsPerSecondPerThread + 1;
    for (int w = 0; w < writers; w++) {
      int writer = w;
      startThread("ballast-demo-db-writer-" + w, () -> loop(stopAt, interval, maxOps, writer));
    }
    for (int r = 0; r < readers; r++) {
      startThread("ballast-demo-db-reader-" + r, () -> loop(stopAt, interval, maxOps, -1));
    }
  }

  private void startThread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void loop(long stopAt, long interval, long maxOps, int writer) {
    long next = System.nanoTime();
    for (long n = 0; n < maxOps && running; n++) {
      long now = System.nanoTime();
      if (now - stopAt >= 0) {
        return;
      }
      if (next - now > 0) {
        LockSupport.parkNanos(next - now);
        if (!running) {
          return;
        }
      }
      next = Math.max(next + interval, System.nanoTime() - interval);
      if (writer >= 0) {
        writeThenRead(writer);
      } else {
        readAny();
      }
    }
  }

  private void writeThenRead(int writer) {
    // one request: outside a scope, read-your-writes ends with the writing connection, before the
    // read-back
    try (ConsistencyScope request = dataSource.withToken(ConsistencyToken.ofLsn(0))) {
      writeThenReadOnce(writer);
    }
  }

  private void writeThenReadOnce(int writer) {
    long id = ids.incrementAndGet();
    String note = "w" + writer + "-" + id;
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, id);
      ps.setInt(2, writer);
      ps.setString(3, note);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        stats.recordWrite(stage.nodeName(rs.getInt(1)), System.nanoTime() - t0);
      }
    } catch (SQLException | RuntimeException e) {
      failed(true, e);
      return;
    }
    long t1 = System.nanoTime();
    try (Connection c = dataSource.forReads().getConnection();
        PreparedStatement ps = c.prepareStatement(READ)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String seen = rs.getString(1);
        stats.recordRead(
            stage.nodeName(rs.getInt(2)), System.nanoTime() - t1, true, note.equals(seen));
      }
    } catch (SQLException | RuntimeException e) {
      failed(false, e);
    }
  }

  private void readAny() {
    long max = ids.get();
    long id = max == 0 ? 0 : 1 + ThreadLocalRandom.current().nextLong(max);
    long t0 = System.nanoTime();
    try (Connection c = dataSource.forReads().getConnection();
        PreparedStatement ps = c.prepareStatement(READ)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        stats.recordRead(stage.nodeName(rs.getInt(2)), System.nanoTime() - t0, false, true);
      }
    } catch (SQLException | RuntimeException e) {
      failed(false, e);
    }
  }

  private void failed(boolean write, Exception e) {
    if (!running) {
      return; // closing: not the demo's failure
    }
    if (write) {
      stats.recordWriteFailure();
    } else {
      stats.recordReadFailure();
    }
    log.info("{} failed: {}", write ? "write" : "read", e.toString());
  }

  /** Stops the threads and waits for them, at most about 10 seconds in all. */
  @Override
  public void close() {
    running = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread t : threads) {
      LockSupport.unpark(t);
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
