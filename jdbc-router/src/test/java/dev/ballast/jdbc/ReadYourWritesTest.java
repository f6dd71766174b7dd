package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.Ticker;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read-your-writes against real replicas whose replay is paused (exact, deterministic staleness) or
 * running.
 */
class ReadYourWritesTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  /** Outcome of write-then-read cycles. */
  record Cycles(int stale, int onReplicas, int total) {}

  @Test
  void lsnModeNeverReadsStaleDataAndStillUsesReplicasOnceTheyCatchUp(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE ryw (id int PRIMARY KEY, v int)");
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // no lag limit: every read that avoids a replica here does so for read-your-writes alone
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    // Reads may wait for the replay (the default, 0, sends a read right after the write to the
    // primary: see the next test). A running replica replays a commit in about a millisecond, but
    // a loaded CI machine can stall it far longer: the running phase measures routing, not the
    // scheduler. (Paused replicas cost the wait only until a probe sees them lag past it.)
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "2s");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      cluster.node("r1").pauseReplay();
      cluster.node("r2").pauseReplay();
      long start = System.nanoTime();
      Cycles paused = cycles(cluster, ds, "ryw", 0, 500);
      System.out.printf(
          "lsn, replicas paused: %s in %d ms%n", paused, (System.nanoTime() - start) / 1_000_000);
      assertThat(paused.stale()).isZero();
      assertThat(paused.onReplicas()).isZero();
      assertThat(
              registry
                  .get("ballast.jdbc.routes")
                  .tags("route", "primary", "reason", "read-your-writes")
                  .counter()
                  .count())
          .isEqualTo(500.0);

      cluster.node("r1").resumeReplay();
      cluster.node("r2").resumeReplay();
      cluster.waitForReplication();
      start = System.nanoTime();
      Cycles running = cycles(cluster, ds, "ryw", 1_000, 500);
      System.out.printf(
          "lsn, replicas running: %s in %d ms%n", running, (System.nanoTime() - start) / 1_000_000);
      assertThat(running.stale()).isZero();
      assertThat(running.onReplicas()).isGreaterThanOrEqualTo(450);
    }
  }

  /**
   * The default {@code max-wait=0}: a read right after the write goes to the primary at once (no
   * replica has replayed it yet, and waiting would make the read slower than the primary's); a read
   * that comes a little later, once the replicas have replayed the write, lands on a replica. The
   * health interval is long so that no probe round tells the router more than the reads do.
   */
  @Test
  void withoutMaxWaitAnImmediateReadBackGoesToThePrimaryAndALaterOneToAReplica(
      PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE ryw_nowait (id int PRIMARY KEY, v int)");
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker ticker = now::get;
    try (RoutingDataSource ds =
        RoutingDataSource.builder()
            .name("nowait-db")
            .primary(cluster.primary().dataSource())
            .replica("r1", cluster.node("r1").dataSource(), "a")
            .replica("r2", cluster.node("r2").dataSource(), "b")
            .zone("a")
            .readYourWrites(ReadYourWrites.LSN)
            .maxReplicaLag(Duration.ZERO)
            .healthCheckInterval(Duration.ofMinutes(10))
            .ticker(ticker)
            .build()) {
      int count = 100;
      Map<String, Integer> immediate = new TreeMap<>();
      Map<String, Integer> later = new TreeMap<>();
      for (int id = 1; id <= count; id++) {
        try (ConsistencyScope request = ds.newScope()) {
          write(ds, "ryw_nowait", id);
          immediate.merge(readBackNode(cluster, ds, "ryw_nowait", id), 1, Integer::sum);
          // every replica has replayed the token (the WAL insert position, which can lie a little
          // past what waitForReplication waits for)
          long token = ds.currentToken().orElseThrow().lsn();
          await().atMost(Duration.ofSeconds(30)).until(() -> replayed(cluster.node("r1")) >= token);
          await().atMost(Duration.ofSeconds(30)).until(() -> replayed(cluster.node("r2")) >= token);
          now.addAndGet(Duration.ofMillis(50).toNanos()); // "a little later", by the router's clock
          later.merge(readBackNode(cluster, ds, "ryw_nowait", id), 1, Integer::sum);
        }
      }
      System.out.printf("lsn, max-wait 0: immediate %s, later %s%n", immediate, later);
      assertThat(immediate).containsExactly(Map.entry("primary", count));
      assertThat(later).doesNotContainKeys("primary", "stale");
      assertThat(later.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    }
  }

  @Test
  void lsnModeReadsTheCaughtUpRemoteReplicaWhenTheLocalOneHasNotReplayedTheWrite(
      PostgresCluster cluster) throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE ryw_next (id int PRIMARY KEY, v int)");
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // no lag limit: r1 stays eligible, so every read first asks it (zone a) about the token
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    // r2 is asked within the same wait budget: a generous one leaves it time to replay each write
    // however slowly a loaded machine runs it
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "5s");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      cluster.node("r1").pauseReplay();
      long start = System.nanoTime();
      Cycles cycles = cycles(cluster, ds, "ryw_next", 0, 50);
      System.out.printf(
          "lsn, local replica paused: %s in %d ms%n",
          cycles, (System.nanoTime() - start) / 1_000_000);
      // r1 would have answered stale: every read went to r2, none to the primary
      assertThat(cycles.stale()).isZero();
      assertThat(cycles.onReplicas()).isEqualTo(50);
      assertThat(
              registry
                  .get("ballast.jdbc.routes")
                  .tags("route", "primary", "reason", "read-your-writes")
                  .counter()
                  .count())
          .isZero();
    }
  }

  @Test
  void withoutReadYourWritesTheSameScenarioReadsStaleData(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE ryw_off (id int PRIMARY KEY, v int)");
    // the table must reach both replicas before their replay is paused, or their reads fail with
    // "relation does not exist" instead of being stale
    cluster.waitForReplication();
    Properties props = properties(cluster);
    // no lag limit: paused replicas stay eligible however long the cycles take
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      cluster.node("r1").pauseReplay();
      cluster.node("r2").pauseReplay();
      // the same 500 cycles as the lsn test: every read lands on a replica that lacks the write
      long start = System.nanoTime();
      Cycles off = cycles(cluster, ds, "ryw_off", 0, 500);
      System.out.printf(
          "[measured] off, replicas paused: %d of %d reads stale (%s) in %d ms%n",
          off.stale(), off.total(), off, (System.nanoTime() - start) / 1_000_000);
      assertThat(off.stale()).isGreaterThan(0);
      // every read a paused replica served was stale (a probe that a loaded machine delays twice
      // may send a few reads to the primary as fallback: those are not stale)
      assertThat(off.stale()).isEqualTo(off.onReplicas());

      // replicas running: a read right after a write may still beat the replay
      cluster.node("r1").resumeReplay();
      cluster.node("r2").resumeReplay();
      cluster.waitForReplication();
      start = System.nanoTime();
      Cycles running = cycles(cluster, ds, "ryw_off", 1_000, 500);
      System.out.printf(
          "[measured] off, replicas running: %d of %d reads stale (%s) in %d ms%n",
          running.stale(), running.total(), running, (System.nanoTime() - start) / 1_000_000);
      // without read-your-writes nothing keeps a read off a running replica (no lag limit either):
      // every read is served by one, whether or not it already replayed the write
      assertThat(running.onReplicas()).isEqualTo(running.total());
    }
  }

  @Test
  void aSerializedTokenCarriesReadYourWritesToAnotherThread(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE handoff (id int PRIMARY KEY, v int)");
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // no lag limit: the paused replicas stay eligible, so the read without the token is stale
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      cluster.node("r1").pauseReplay();
      cluster.node("r2").pauseReplay();
      assertThat(ds.currentToken()).isEmpty();
      String header;
      try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0))) {
        write(ds, "handoff", 7);
        header = ds.currentToken().orElseThrow().serialize();
      }
      assertThat(ds.currentToken()).as("the request's scope ended").isEmpty();
      assertThat(header).matches("lsn:[0-9A-F]+/[0-9A-F]+");

      // another thread (another service, in real life) without the token reads a replica: stale
      Integer withoutToken = other.submit(() -> read(ds, "handoff", 7)).get(10, TimeUnit.SECONDS);
      assertThat(withoutToken).isNull();
      // with it, the read waits for a replica or goes to the primary: never stale
      Integer withToken =
          other
              .submit(
                  () -> ds.runWith(ConsistencyToken.parse(header), () -> read(ds, "handoff", 7)))
              .get(10, TimeUnit.SECONDS);
      assertThat(withToken).isEqualTo(7);
      // the scope ended: the other thread has no token again
      assertThat(other.submit(ds::currentToken).get(10, TimeUnit.SECONDS)).isEmpty();
      try (ConsistencyScope scope = ds.withToken(ConsistencyToken.parse(header))) {
        assertThat(ds.currentToken().orElseThrow().serialize()).isEqualTo(header);
      }
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void windowModeKeepsReadsOnThePrimaryForTheWindowAfterAWrite(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(cluster.primary(), "CREATE TABLE win (id int PRIMARY KEY, v int)");
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker ticker = now::get;
    PgNode r1 = cluster.node("r1");
    try (RoutingDataSource ds =
        RoutingDataSource.builder()
            .name("window-db")
            .primary(cluster.primary().dataSource())
            .replica("r1", r1.dataSource(), "a")
            .replica("r2", cluster.node("r2").dataSource(), "b")
            .zone("a")
            .readYourWrites(ReadYourWrites.WINDOW)
            .readYourWritesWindow(Duration.ofSeconds(2))
            .healthCheckInterval(Duration.ofMillis(200))
            .ticker(ticker)
            .build()) {
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
      // one request: outside a scope, the window would end with the writing connection
      ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0));
      write(ds, "win", 1);
      assertThat(route(cluster, ds, true)).isEqualTo("primary");
      now.addAndGet(Duration.ofMillis(1_999).toNanos());
      assertThat(route(cluster, ds, true)).isEqualTo("primary");
      now.addAndGet(Duration.ofMillis(1).toNanos());
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
      // the window is per thread: another thread that never wrote reads a replica at once
      write(ds, "win", 2);
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        assertThat(other.submit(() -> route(cluster, ds, true)).get(10, TimeUnit.SECONDS))
            .isEqualTo("r1");
      } finally {
        other.shutdownNow();
      }
      request.close();
      // a write outside any scope keeps reads off replicas only until its connection closes
      write(ds, "win", 3);
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
    }
  }

  private static Cycles cycles(
      PostgresCluster cluster, RoutingDataSource ds, String table, int firstId, int count)
      throws SQLException {
    int stale = 0;
    int onReplicas = 0;
    for (int i = 0; i < count; i++) {
      int id = firstId + i;
      // each cycle is a request: the write's token lives in its scope (outside one it would end
      // with the writing connection)
      try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0));
          Connection c = writeThenConnect(ds, table, id)) {
        c.setReadOnly(true);
        try (PreparedStatement p =
            c.prepareStatement("SELECT v, inet_server_port() FROM " + table + " WHERE id = ?")) {
          p.setInt(1, id);
          try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
              stale++;
              onReplicas++; // the primary always has the row
              continue;
            }
            if (!nodeName(cluster, rs.getInt(2)).equals("primary")) {
              onReplicas++;
            }
          }
        }
      }
    }
    return new Cycles(stale, onReplicas, count);
  }

  private static Connection writeThenConnect(RoutingDataSource ds, String table, int id)
      throws SQLException {
    write(ds, table, id);
    return ds.getConnection();
  }

  private static void write(RoutingDataSource ds, String table, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      p.setInt(1, id);
      p.setInt(2, id);
      p.executeUpdate();
    }
  }

  private static long replayed(PgNode replica) throws SQLException {
    return RouterTestSupport.queryLong(
        replica, "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint");
  }

  /**
   * The node that served the read-back of {@code id}, or {@code "stale"} when the row was missing.
   */
  private static String readBackNode(
      PostgresCluster cluster, RoutingDataSource ds, String table, int id) throws SQLException {
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT inet_server_port() FROM " + table + " WHERE id = ?")) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? nodeName(cluster, rs.getInt(1)) : "stale";
      }
    }
  }

  private static Integer read(RoutingDataSource ds, String table, int id) throws SQLException {
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }
}
