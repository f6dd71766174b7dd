package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static dev.ballast.jdbc.RouterTestSupport.serverPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.jdbc.internal.LogicalConnection;
import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * Objects tied to a physical connection never escape the logical one: handing one out pins the
 * binding (a move is refused with 25001), and statements, result sets and metadata lead back to
 * Ballast's objects. Against a real primary and one replica whose pool holds one connection.
 */
class JdbcEscapeTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  private static Properties onePerReplica(PostgresCluster cluster) {
    Properties p = properties(cluster);
    p.setProperty("ballast.jdbc.replicas.r1.hikari.maximumPoolSize", "1");
    p.setProperty("ballast.jdbc.replicas.r1.hikari.minimumIdle", "1");
    p.setProperty("ballast.jdbc.hikari.connectionTimeout", "1000");
    return p;
  }

  @Test
  void anUnwrappedReplicaConnectionIsPinnedAndNeverHandedToASecondCaller(PostgresCluster cluster)
      throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(onePerReplica(cluster));
        Connection c1 = ds.getConnection()) {
      c1.setReadOnly(true);
      assertThat(nodeName(cluster, serverPort(c1))).isEqualTo("r1");
      int pid = backendPid(c1);
      PGConnection driver = c1.unwrap(PGConnection.class);

      SQLException refused = catchThrowableOfType(() -> c1.setReadOnly(false), SQLException.class);

      assertThat((Throwable) refused).as("setReadOnly(false) after unwrap").isNotNull();
      assertThat(refused.getSQLState()).isEqualTo("25001");
      assertThat(refused.getMessage()).contains("r1").contains("handed out");
      // A second caller meanwhile: r1's only connection is c1's, so it must not get that backend.
      String second =
          other
              .submit(
                  () -> {
                    try (Connection c2 = ds.getConnection()) {
                      c2.setReadOnly(true);
                      return nodeName(cluster, serverPort(c2)) + "/" + backendPid(c2);
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      assertThat(second).isNotEqualTo("r1/" + pid);
      // c1 still owns its backend, read-only as it was.
      assertThat(c1.isReadOnly()).isTrue();
      assertThat(backendPid(c1)).isEqualTo(pid);
      assertThat(driver.getBackendPID()).isEqualTo(pid);
    } finally {
      other.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"getMetaData", "unwrap", "createArrayOf", "createSQLXML"})
  void handingOutAnObjectTiedToThePhysicalConnectionPinsIt(String call, PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      assertThat(nodeName(cluster, serverPort(c))).isEqualTo("primary");
      LogicalConnection logical = c.unwrap(LogicalConnection.class);
      assertThat(logical.pinned()).isFalse();
      Object handedOut =
          switch (call) {
            case "getMetaData" -> c.getMetaData();
            case "unwrap" -> c.unwrap(PGConnection.class);
            case "createArrayOf" -> c.createArrayOf("int4", new Object[] {1, 2});
            case "createSQLXML" -> c.createSQLXML();
            default -> throw new AssertionError(call);
          };
      assertThat(handedOut).isNotNull();
      assertThat(logical.pinned()).isTrue();

      SQLException refused = catchThrowableOfType(() -> c.setReadOnly(true), SQLException.class);

      assertThat(refused.getSQLState()).isEqualTo("25001");
      assertThat(refused.getMessage()).contains("primary").contains("handed out");
      assertThat(nodeName(cluster, serverPort(c))).isEqualTo("primary");
    }
  }

  @Test
  void withNothingHandedOutSetReadOnlyStillMovesToAReplica(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      assertThat(nodeName(cluster, serverPort(c))).isEqualTo("primary");
      c.setReadOnly(true);
      assertThat(nodeName(cluster, serverPort(c))).isEqualTo("r1");
    }
  }

  @Test
  void statementsResultSetsAndMetadataLeadBackToBallastsObjects(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getConnection()).isSameAs(c);
      try (ResultSet tables = md.getTables(null, null, "%", null)) {
        assertThat(tables.getStatement()).as("a metadata result has no statement").isNull();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(s.getConnection()).isSameAs(c);
        assertThat(rs.getStatement()).isSameAs(s);
      }
      try (Statement s = c.createStatement()) {
        assertThat(s.execute("SELECT 2")).isTrue();
        try (ResultSet rs = s.getResultSet()) {
          assertThat(rs.getStatement()).isSameAs(s);
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT ?::int")) {
        p.setInt(1, 3);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(p.getConnection()).isSameAs(c);
          assertThat(rs.getStatement()).isSameAs(p);
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(3);
        }
      }
    }
  }

  @Test
  void commitAndRollbackBeforeAnyStatementBehaveAsTheDriversDo(PostgresCluster cluster)
      throws Exception {
    SQLException driverCommit;
    SQLException driverRollback;
    try (Connection raw = cluster.primary().dataSource().getConnection()) {
      raw.setAutoCommit(true);
      driverCommit = catchThrowableOfType(raw::commit, SQLException.class);
      driverRollback = catchThrowableOfType(raw::rollback, SQLException.class);
      raw.setAutoCommit(false);
      raw.commit(); // no exception with auto-commit off
      raw.rollback();
    }
    assertThat((Throwable) driverCommit).isNotNull();
    assertThat((Throwable) driverRollback).isNotNull();
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        Connection c = ds.getConnection()) {
      SQLException commit = catchThrowableOfType(c::commit, SQLException.class);
      SQLException rollback = catchThrowableOfType(c::rollback, SQLException.class);

      assertThat((Throwable) commit).as("commit in auto-commit mode").isNotNull();
      assertThat(commit.getSQLState()).isEqualTo(driverCommit.getSQLState());
      assertThat((Throwable) rollback).as("rollback in auto-commit mode").isNotNull();
      assertThat(rollback.getSQLState()).isEqualTo(driverRollback.getSQLState());
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      assertThat(c.unwrap(LogicalConnection.class).binding()).as("nothing ran: unbound").isNull();
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
