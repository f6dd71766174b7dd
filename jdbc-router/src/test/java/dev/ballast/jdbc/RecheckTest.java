package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static dev.ballast.jdbc.RouterTestSupport.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The immediate re-check after a failure, in isolation: the health interval is an hour, so only the
 * re-check that the failure asked for can explain the router's change of mind.
 */
class RecheckTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  /** Longer than any test: no periodic round runs after the first. */
  private static final String NO_PERIODIC_ROUND = "1h";

  /** Bounds the write loops in count as well as in time. */
  private static final int MAX_WRITES = 200;

  @Test
  void aReadOnlyErrorFromThePrimaryMakesTheNextWritesFindThePromotedReplica(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE demoted (id serial PRIMARY KEY, at timestamptz)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.topology", "auto");
    props.setProperty("ballast.jdbc.health-check.interval", NO_PERIODIC_ROUND);
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThat(write(cluster, ds, "demoted")).isEqualTo("primary");
      PgNode oldPrimary = cluster.primary();
      cluster.node("r1").promote();
      // The old primary keeps running but refuses writes (SQLState 25006), as a primary that a
      // failover tool fenced or demoted does.
      RouterTestSupport.execute(oldPrimary, "ALTER SYSTEM SET default_transaction_read_only = on");
      RouterTestSupport.execute(oldPrimary, "SELECT pg_reload_conf()");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  queryLong(
                          oldPrimary,
                          "SELECT CASE WHEN current_setting('default_transaction_read_only')"
                              + " = 'on' THEN 1 ELSE 0 END")
                      == 1);
      // nothing has made the router look again: r1's promotion is unknown to it
      assertThat(ds.primaryHost()).contains("primary");

      List<String> outcomes = new ArrayList<>();
      long firstReadOnlyError = 0;
      String landedOn = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int i = 0;
          i < MAX_WRITES && !landedOn.equals("r1") && System.nanoTime() < deadline;
          i++) {
        try {
          // the pool's sessions pick the reloaded setting up at their next statement or so:
          // a write may still pass on the old primary before the first refusal
          landedOn = write(cluster, ds, "demoted");
          outcomes.add(landedOn);
        } catch (SQLException e) {
          assertThat(e.getSQLState()).as("%s", e).isEqualTo("25006");
          outcomes.add("25006");
          if (firstReadOnlyError == 0) {
            firstReadOnlyError = System.nanoTime();
          }
        }
      }
      long recheckMillis = (System.nanoTime() - firstReadOnlyError) / 1_000_000;
      long refusals = outcomes.stream().filter("25006"::equals).count();
      System.out.printf(
          "[measured] 25006 re-check: first write on the promoted r1 %d ms after the first"
              + " read-only error (health-check.interval=%s; %d writes refused with 25006 in"
              + " between)%n",
          recheckMillis, NO_PERIODIC_ROUND, refusals);
      assertThat(firstReadOnlyError).as("a write was refused: %s", outcomes).isNotZero();
      assertThat(landedOn).as("%s", outcomes).isEqualTo("r1");
      assertThat(ds.primaryHost()).contains("r1");
      // writes before the first refusal reached the old primary; none after the promoted one
      assertThat(String.join(",", outcomes)).matches("(primary,)*(25006,)+r1");
      // generous: catches a router that waits for the hour-long interval, not a slow machine
      assertThat(recheckMillis).isLessThan(15_000);
    }
  }

  @Test
  void aWriteThatFindsNoPrimaryAsksForARoundAndSoFindsThePromotedReplica(PostgresCluster cluster)
      throws Exception {
    RouterTestSupport.execute(
        cluster.primary(), "CREATE TABLE orphaned (id serial PRIMARY KEY, at timestamptz)");
    cluster.waitForReplication();
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.topology", "auto");
    props.setProperty("ballast.jdbc.health-check.interval", NO_PERIODIC_ROUND);
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThat(write(cluster, ds, "orphaned")).isEqualTo("primary");
      cluster.primary().stop();
      // the failed writes' re-checks find the primary gone and r1 still a replica: no primary
      List<String> outcomes = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int i = 0; i < MAX_WRITES && System.nanoTime() < deadline; i++) {
        Throwable e = catchThrowable(() -> write(cluster, ds, "orphaned"));
        assertThat(e).isInstanceOf(SQLException.class);
        outcomes.add(e.getMessage());
        if (e.getMessage().startsWith("no primary for 'test-db'")) {
          break;
        }
        Thread.sleep(10);
      }
      assertThat(ds.primaryHost()).as("%s", outcomes).isEmpty();

      // Promoted after the last round: only a round that a failing write asks for can find it
      // within the hour-long interval.
      cluster.node("r1").promote();
      long promoted = System.nanoTime();
      String landedOn = "";
      int refused = 0;
      deadline = promoted + Duration.ofSeconds(30).toNanos();
      for (int i = 0; i < MAX_WRITES && System.nanoTime() < deadline; i++) {
        try {
          landedOn = write(cluster, ds, "orphaned");
          break;
        } catch (SQLException e) {
          assertThat(e.getMessage()).startsWith("no primary for 'test-db'");
          refused++;
          Thread.sleep(10);
        }
      }
      System.out.printf(
          "[measured] no-primary re-check: first write on the promoted r1 %d ms after promote()"
              + " returned (health-check.interval=%s; %d writes refused in between)%n",
          (System.nanoTime() - promoted) / 1_000_000, NO_PERIODIC_ROUND, refused);
      assertThat(landedOn).isEqualTo("r1");
      assertThat(ds.primaryHost()).contains("r1");
    }
  }

  @Test
  void aConnectionFailureOnAReplicaTakesItOutOfTheReadsAtOnce(PostgresCluster cluster)
      throws Exception {
    Properties props = properties(cluster);
    props.setProperty("ballast.jdbc.health-check.interval", NO_PERIODIC_ROUND);
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(props)) {
      assertThat(route(cluster, ds, true)).isEqualTo("r1");
      cluster.node("r1").stop();
      long stopped = System.nanoTime();
      // no round has run since: the monitor alone would think r1 fine for an hour
      assertThat(ReplicaHealthTest.eligible(ds, "r1")).isTrue();

      // the first read meets the dead r1 (a dead pooled connection or a refused new one), runs
      // again on r2, and asks for the re-check
      assertThat(route(cluster, ds, true)).isEqualTo("r2");
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> !ReplicaHealthTest.eligible(ds, "r1"));
      long excludedMillis = (System.nanoTime() - stopped) / 1_000_000;
      System.out.printf(
          "[measured] connection-failure re-check: r1 ineligible %d ms after its stop returned"
              + " (health-check.interval=%s)%n",
          excludedMillis, NO_PERIODIC_ROUND);
      assertThat(ReplicaHealthTest.state(ds, "r1").reason())
          .startsWith("unreachable: Connection to 127.0.0.1:");
      List<String> reads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        reads.add(route(cluster, ds, true));
      }
      assertThat(reads).containsOnly("r2");
    }
  }

  private static String write(PostgresCluster cluster, RoutingDataSource ds, String table)
      throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "INSERT INTO " + table + " (at) VALUES (now()) RETURNING inet_server_port()")) {
      rs.next();
      return nodeName(cluster, rs.getInt(1));
    }
  }
}
