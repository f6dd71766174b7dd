package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.RoutingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * JDBC load through a router and its invariant bookkeeping, on one table {@code (id bigint primary
 * key, worker int, payload text)}.
 *
 * <ul>
 *   <li>{@link #writeOperation(boolean)}: each operation inserts a row with a fresh id in
 *       auto-commit; an insert that returned normally is <em>acknowledged</em> and its id kept.
 *       With {@code readBack}, the same thread then reads that row through the read data source:
 *       under {@code read-your-writes=lsn} it must be there, else the read was <em>stale</em>.
 *   <li>{@link #readOperation()}: each operation reads through the read data source.
 * </ul>
 *
 * Every read reports the server's port, so answers are counted per node. Failures are kept with
 * their SQLState and timing, for "fail fast" and "failure window" checks.
 *
 * <p>Thread-safe. Ids are {@code base + worker × 10⁸ + sequence}, unique per traffic object.
 */
public final class JdbcTraffic {
  private static final long WORKER_STRIDE = 100_000_000L;

  private final DataSource writes;
  private final DataSource reads;
  private final String table;
  private final long idBase;
  private final IntFunction<String> nodeOfPort;
  private final PhasedLatency writeLatency;
  private final PhasedLatency readLatency;
  private final @Nullable Timeline timeline;
  private final AckLog acknowledged = new AckLog();
  private final SqlFailureLog writeFailures = new SqlFailureLog();
  private final SqlFailureLog readFailures = new SqlFailureLog();
  private final LongAdder staleReads = new LongAdder();
  private final LongAdder readsDone = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> readsByNode = new ConcurrentHashMap<>();
  private final FailureSamples samples = new FailureSamples();

  /**
   * Traffic on {@code table} (created by {@link #createTable}).
   *
   * @param writes the router itself (read-write connections)
   * @param reads its {@code forReads()} view
   * @param idBase added to every id, so several runs can share a table
   * @param nodeOfPort names the node listening on a port
   * @param timeline per-second series, or null
   */
  public JdbcTraffic(
      DataSource writes,
      DataSource reads,
      String table,
      long idBase,
      IntFunction<String> nodeOfPort,
      @Nullable Timeline timeline) {
    this.writes = requireNonNull(writes, "writes");
    this.reads = requireNonNull(reads, "reads");
    this.table = requireNonNull(table, "table");
    this.idBase = idBase;
    this.nodeOfPort = requireNonNull(nodeOfPort, "nodeOfPort");
    this.writeLatency = new PhasedLatency("run");
    this.readLatency = new PhasedLatency("run");
    this.timeline = timeline;
  }

  /** Creates the table through {@code ds} (a primary connection) if it does not exist. */
  public static void createTable(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id bigint PRIMARY KEY, worker int NOT NULL, payload text NOT NULL)");
    }
  }

  /** Write operations; with {@code readBack}, each acknowledged write is read back at once. */
  public LoadLoop.Operation writeOperation(boolean readBack) {
    return (worker, seq) -> write(worker, seq, readBack);
  }

  /** Read operations: a primary-key lookup of a recent id, on whichever node the router picks. */
  public LoadLoop.Operation readOperation() {
    return (worker, seq) -> read(worker, idBase + seq, false);
  }

  private void write(int worker, long seq, boolean readBack) {
    if (readBack && writes instanceof RoutingDataSource router) {
      // one request per write and its read-back: outside a scope, read-your-writes ends with the
      // writing connection, before the read-back
      try (ConsistencyScope request = router.withToken(ConsistencyToken.ofLsn(0))) {
        writeOnce(worker, seq, true);
      }
      return;
    }
    writeOnce(worker, seq, readBack);
  }

  private void writeOnce(int worker, long seq, boolean readBack) {
    long id = idBase + worker * WORKER_STRIDE + seq;
    long start = System.nanoTime();
    try (Connection c = writes.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO " + table + " (id, worker, payload) VALUES (?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, worker);
      ps.setString(3, "w" + worker + "-" + seq);
      ps.executeUpdate();
    } catch (SQLException e) {
      writeFailures.record(start, System.nanoTime(), e);
      count(Series.JDBC_WRITE_FAILED);
      samples.add("write " + id, e);
      return;
    }
    long end = System.nanoTime();
    acknowledged.add(id, end);
    writeLatency.record(end - start);
    Timeline t = timeline;
    if (t != null) {
      t.count(Series.JDBC_WRITE_OK);
      t.latency(Series.JDBC_WRITE_LATENCY, end - start);
    }
    if (readBack) {
      read(worker, id, true);
    }
  }

  private void read(int worker, long id, boolean mustExist) {
    long start = System.nanoTime();
    try (Connection c = reads.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT inet_server_port(), (SELECT count(*) FROM " + table + " WHERE id = ?)")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String node = nodeOfPort.apply(rs.getInt(1));
        long found = rs.getLong(2);
        readsDone.increment();
        readsByNode.computeIfAbsent(node, k -> new LongAdder()).increment();
        long nanos = System.nanoTime() - start;
        readLatency.record(nanos);
        Timeline t = timeline;
        if (t != null) {
          t.latency(Series.JDBC_READ_LATENCY, nanos);
        }
        if (mustExist && found == 0) {
          staleReads.increment();
          count(Series.JDBC_STALE_READ);
          samples.add("stale read of " + id + " on " + node + " (worker " + worker + ")");
        }
      }
    } catch (SQLException e) {
      readFailures.record(start, System.nanoTime(), e);
      count(Series.JDBC_READ_FAILED);
      samples.add("read " + id, e);
    }
  }

  private void count(String series) {
    Timeline t = timeline;
    if (t != null) {
      t.count(series);
    }
  }

  /**
   * A short classification of a failure: {@code no-primary} for the router's documented "no primary
   * for …" error, else {@code SQLState <state>}.
   */
  public static String kind(SQLException e) {
    return SqlFailureLog.kind(e);
  }

  /** Whether {@code kind} (from {@link #kind}) is the documented error or a connection failure. */
  public static boolean isFailFastKind(String kind) {
    return SqlFailureLog.isFailFastKind(kind);
  }

  /** Ids of acknowledged writes. */
  public Set<Long> acknowledged() {
    return acknowledged.ids();
  }

  /** Failed writes. */
  public long writeFailures() {
    return writeFailures.count();
  }

  /** Failed reads (read-backs included). */
  public long readFailures() {
    return readFailures.count();
  }

  /** Reads that completed. */
  public long readsDone() {
    return readsDone.sum();
  }

  /** Read-backs that did not find the reader's own acknowledged write. */
  public long staleReads() {
    return staleReads.sum();
  }

  /** Completed reads per node name, sorted. */
  public Map<String, Long> readsByNode() {
    Map<String, Long> m = new TreeMap<>();
    readsByNode.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Write failures per {@link #kind}. */
  public Map<String, Long> writeFailureKinds() {
    return writeFailures.kinds();
  }

  /** {@link System#nanoTime()} when each failed read failed (the first thousand). */
  public List<Long> readFailureTimes() {
    return readFailures.times();
  }

  /** {@link System#nanoTime()} when each failed write failed (the first thousand). */
  public List<Long> writeFailureTimes() {
    return writeFailures.times();
  }

  /** Read failures per {@link #kind}. */
  public Map<String, Long> readFailureKinds() {
    return readFailures.kinds();
  }

  /** Milliseconds from the start of the first failed write to the end of the last; 0 if none. */
  public long writeFailureWindowMillis() {
    return writeFailures.windowMillis();
  }

  /** {@link System#nanoTime()} when the first failed write started; empty if none. */
  public OptionalLong firstWriteFailureNanos() {
    return writeFailures.firstStartNanos();
  }

  /**
   * The {@link System#nanoTime()} of the first acknowledgement at or after {@code nanos}; empty if
   * none (only the first 200 000 acknowledgements are timed).
   */
  public OptionalLong firstAckAtOrAfter(long nanos) {
    return acknowledged.firstAtOrAfter(nanos);
  }

  /** The longest time one failed write took to fail, in milliseconds. */
  public long slowestWriteFailureMillis() {
    return writeFailures.slowestMillis();
  }

  /** Write latency (acknowledged writes). */
  public PhasedLatency writeLatency() {
    return writeLatency;
  }

  /** Read latency (completed reads). */
  public PhasedLatency readLatency() {
    return readLatency;
  }

  /** The first few failures and stale reads, one line each. */
  public List<String> samples() {
    return samples.list();
  }

  /**
   * Which acknowledged ids are missing from {@code table} on {@code node} (a direct, non-routed
   * data source of the node that must hold every write, e.g. the new primary).
   */
  public Set<Long> missingOn(DataSource node) throws SQLException {
    return acknowledged.missingOn(node, table);
  }
}
