package dev.ballast.jdbc;

import static dev.ballast.jdbc.MariaDbRouterSupport.execute;
import static dev.ballast.jdbc.MariaDbRouterSupport.nodeName;
import static dev.ballast.jdbc.MariaDbRouterSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.lb.ConfigException;
import dev.ballast.testkit.MariaDbCluster;
import dev.ballast.testkit.MariaDbClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code read-your-writes=gtid} on a real MariaDB: the local replica r1 applies every transaction a
 * second late ({@code MASTER_DELAY=1}), r2 (the other zone) runs normally. With GTID
 * read-your-writes no read misses its own write; without it, the same cycles read stale data from
 * r1, so the scenario can tell the two apart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MariaDbReadYourWritesTest {
  @RegisterExtension
  static final MariaDbClusterExtension db =
      MariaDbClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  private static final int PAIRS = 400;

  /** Outcome of write-then-read pairs. */
  record Pairs(int stale, int onR1, int onR2, int onPrimary) {
    int total() {
      return onR1 + onR2 + onPrimary;
    }
  }

  @Test
  void gtidModeNeverReadsItsOwnWriteStaleFromADelayedReplica(MariaDbCluster cluster)
      throws Exception {
    execute(cluster.primary(), "CREATE TABLE ryw (id INT PRIMARY KEY, v INT)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "gtid");
    // no lag limit: the delayed replica stays eligible, so every read must decide by its GTID
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    // the default 100 ms: far below r1's one-second delay, so r1 can never serve a read-back;
    // r2 applies within milliseconds (a stalled one sends the read to the primary, never stale)
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "100ms");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props, registry)) {
      cluster.node("r1").applyDelay(Duration.ofSeconds(1));
      long start = System.nanoTime();
      Pairs pairs = pairs(cluster, ds, "ryw");
      System.out.printf(
          "[measured] mariadb read-your-writes=gtid, r1 delayed 1s: %d stale of %d (%s) in %d"
              + " ms%n",
          pairs.stale(), pairs.total(), pairs, (System.nanoTime() - start) / 1_000_000);
      assertThat(pairs.total()).isEqualTo(PAIRS);
      assertThat(pairs.stale()).isZero();
      // (r1 may serve a read-back only when a stalled machine let its second pass: not stale)
      // the caught-up replica took most reads, not the primary
      assertThat(pairs.onR2()).isGreaterThan(PAIRS / 2);
      assertThat(ds.currentToken()).as("each pair's token ended with its scope").isEmpty();
    }
  }

  @Test
  void withoutReadYourWritesTheSameCyclesReadStaleData(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE ryw_off (id INT PRIMARY KEY, v INT)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      cluster.node("r1").applyDelay(Duration.ofSeconds(1));
      Pairs pairs = pairs(cluster, ds, "ryw_off");
      System.out.printf(
          "[measured] mariadb read-your-writes=off, r1 delayed 1s: %d stale of %d (%s)%n",
          pairs.stale(), pairs.total(), pairs);
      // zone a's r1 takes the reads and lags a second behind every write
      assertThat(pairs.onR1()).isGreaterThanOrEqualTo(PAIRS * 9 / 10);
      assertThat(pairs.stale()).isGreaterThanOrEqualTo(pairs.onR1() * 9 / 10);
      assertThat(ds.currentToken()).isEmpty();
    }
  }

  @Test
  void aTokenCarriesTheGtidToAnotherRouterThatWaitsForIt(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE handoff (id INT PRIMARY KEY)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.read-your-writes", "lsn"); // the engine's position: GTIDs
    props.setProperty("ballast.jdbc.max-replica-lag", "0");
    props.setProperty("ballast.jdbc.read-your-writes.max-wait", "3s");
    try (RoutingDataSource writer = RoutingDataSource.fromProperties(props);
        RoutingDataSource reader = RoutingDataSource.fromProperties(props)) {
      cluster.node("r2").pauseReplication();
      cluster.node("r1").applyDelay(Duration.ofSeconds(1));
      String header;
      try (ConsistencyScope request = writer.withToken(ConsistencyToken.ofLsn(0))) {
        try (Connection c = writer.getConnection();
            PreparedStatement p = c.prepareStatement("INSERT INTO handoff VALUES (1)")) {
          p.executeUpdate();
        }
        header = writer.currentToken().orElseThrow().serialize();
      }
      assertThat(header).matches("mariadb-gtid:0-1-\\d+");
      ConsistencyToken token = ConsistencyToken.parse(header);
      assertThat(token.database()).isEqualTo("mariadb");

      // another "service": its own router, a thread with no writes of its own
      long start = System.nanoTime();
      String servedBy =
          reader.runWith(
              token,
              () -> {
                try (Connection c = reader.getConnection()) {
                  c.setReadOnly(true);
                  try (PreparedStatement p =
                          c.prepareStatement("SELECT COUNT(*), @@port FROM handoff");
                      ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    return nodeName(cluster, rs.getInt(2));
                  }
                }
              });
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "[measured] mariadb token handed over: read on %s after %d ms (MASTER_GTID_WAIT)%n",
          servedBy, waitedMillis);
      // r1 applies the insert within its one-second delay: MASTER_GTID_WAIT waited for it
      assertThat(servedBy).isIn("r1", "primary");
    }
  }

  @Test
  void aTokenOfAnotherEngineIsRefusedNamingBoth(MariaDbCluster cluster) {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      assertThatThrownBy(() -> ds.withToken(ConsistencyToken.parse("lsn:0/16B3748")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "token: lsn:0/16B3748 (expected: a mariadb token: router 'maria' runs on mariadb)");
      assertThatThrownBy(
              () ->
                  ds.withToken(
                      ConsistencyToken.parse(
                          "mysql-gtid:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "token: mysql-gtid:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5 (expected: a mariadb"
                  + " token: router 'maria' runs on mariadb)");
      // "no position yet", which a service sends before any write, is every engine's
      try (ConsistencyScope scope = ds.withToken(ConsistencyToken.ofLsn(0))) {
        assertThat(ds.currentToken()).isEqualTo(Optional.empty());
      }
    }
  }

  @Test
  void gtidOnAPostgresqlPrimaryFailsAtStartUpNamingTheKey() {
    Properties props = new Properties();
    props.setProperty("ballast.jdbc.primary.url", "jdbc:postgresql://127.0.0.1:1/app");
    props.setProperty("ballast.jdbc.replicas.r1.url", "jdbc:mariadb://127.0.0.1:2/app");
    props.setProperty("ballast.jdbc.read-your-writes", "gtid");
    assertThatThrownBy(() -> RoutingDataSource.fromProperties(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "ballast.jdbc.replicas.r1.url: jdbc:mariadb://127.0.0.1:2/app (expected: a postgresql"
                + " URL, as the primary's)")
        .hasMessageContaining(
            "ballast.jdbc.read-your-writes: gtid (expected: off|window|lsn with a postgresql"
                + " primary: GTIDs are MariaDB's and MySQL's)");
  }

  @Test
  void theBuilderTakesTheEngineFromAHikariPrimarysUrl(MariaDbCluster cluster) throws Exception {
    execute(cluster.primary(), "CREATE TABLE built (id INT PRIMARY KEY)");
    try (HikariDataSource primary = pool(cluster.primary().jdbcUrl(), cluster);
        HikariDataSource r1 = pool(cluster.node("r1").jdbcUrl(), cluster);
        RoutingDataSource ds =
            RoutingDataSource.builder()
                .primary(primary)
                .replica("r1", r1)
                .readYourWrites(ReadYourWrites.GTID)
                .build()) {
      try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0))) {
        try (Connection c = ds.getConnection();
            PreparedStatement p = c.prepareStatement("INSERT INTO built VALUES (1)")) {
          p.executeUpdate();
        }
        assertThat(ds.currentToken())
            .get()
            .extracting(ConsistencyToken::database)
            .isEqualTo("mariadb");
      }
    }
    // a data source whose URL the router cannot see is taken for PostgreSQL, which has no GTIDs
    assertThatThrownBy(
            () ->
                RoutingDataSource.builder()
                    .primary(cluster.primary().dataSource())
                    .readYourWrites(ReadYourWrites.GTID)
                    .build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "readYourWrites: gtid (expected: off|window|lsn with a postgresql primary: GTIDs are"
                + " MariaDB's and MySQL's)");
  }

  private static HikariDataSource pool(String url, MariaDbCluster cluster) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(cluster.primary().user());
    pool.setMaximumPoolSize(2);
    return pool;
  }

  /**
   * {@value #PAIRS} inserts, each read back at once on a read-only connection of the same thread.
   */
  private static Pairs pairs(MariaDbCluster cluster, RoutingDataSource ds, String table)
      throws SQLException {
    int stale = 0;
    int r1 = 0;
    int r2 = 0;
    int primary = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int i = 0; i < PAIRS && System.nanoTime() < deadline; i++) {
      // each pair is a request: outside a scope, the token would end with the writing connection
      ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0));
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        p.setInt(1, i);
        p.setInt(2, i);
        p.executeUpdate();
      }
      try (request;
          Connection c = ds.getConnection()) {
        c.setReadOnly(true);
        try (PreparedStatement p =
            c.prepareStatement("SELECT COUNT(*), @@port FROM " + table + " WHERE id = ?")) {
          p.setInt(1, i);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == 0) {
              stale++;
            }
            switch (nodeName(cluster, rs.getInt(2))) {
              case "r1" -> r1++;
              case "r2" -> r2++;
              default -> primary++;
            }
          }
        }
      }
    }
    return new Pairs(stale, r1, r2, primary);
  }
}
