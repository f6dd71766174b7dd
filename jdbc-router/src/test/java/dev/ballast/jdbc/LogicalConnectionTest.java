package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.jdbc.StubDataSource.StubConnection;
import dev.ballast.jdbc.internal.LogicalConnection;
import dev.ballast.jdbc.internal.RouteReason;
import dev.ballast.lb.EndpointStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lazy logical connection over stub data sources: what it records, when it binds, what it
 * applies and gives back. The integration tests prove the same against PostgreSQL; these pin the
 * details no server shows.
 */
class LogicalConnectionTest {
  private final StubDataSource primary = new StubDataSource("primary");
  private final StubDataSource r1 = new StubDataSource("r1");
  private RoutingDataSource ds;

  @BeforeEach
  void build() {
    ds =
        RoutingDataSource.builder()
            .name("stub-db")
            .primary(primary)
            .replica("r1", r1, "a")
            .zone("a")
            // one synchronous round at build; none during the test
            .healthCheckInterval(Duration.ofHours(1))
            .build();
  }

  @AfterEach
  void close() {
    ds.close();
  }

  @Test
  void settingsAreAnsweredFromTheRecordWithoutTouchingAnyHost() throws Exception {
    int before = primary.forTestThread().size() + r1.forTestThread().size();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setSchema("sales");
      c.setCatalog("app");
      c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      c.setClientInfo("ApplicationName", "billing");
      c.setNetworkTimeout(Runnable::run, 1234);

      assertThat(c.getAutoCommit()).isFalse();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(c.getSchema()).isEqualTo("sales");
      assertThat(c.getCatalog()).isEqualTo("app");
      assertThat(c.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      assertThat(c.getClientInfo("ApplicationName")).isEqualTo("billing");
      assertThat(c.getNetworkTimeout()).isEqualTo(1234);
      assertThat((Object) c.getWarnings()).isNull();
      assertThat(c.isValid(1)).isTrue();
      c.commit(); // nothing ran: nothing to commit, nothing to bind
      c.rollback();
    }
    assertThat(primary.forTestThread().size() + r1.forTestThread().size()).isEqualTo(before);
  }

  @Test
  void theFirstStatementBindsAReadOnlyConnectionToTheReplicaAndAppliesTheRecord() throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setSchema("sales");
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        assertThat(s.getConnection()).isSameAs(c);
      }
      StubConnection physical = r1.last();
      assertThat(physical.calls)
          .containsSubsequence(
              "setReadOnly[true]",
              "setAutoCommit[false]",
              "setTransactionIsolation[" + Connection.TRANSACTION_REPEATABLE_READ + "]",
              "setSchema[sales]");
      assertThat(physical.executed).containsExactly("SELECT 1");
      assertThat(inFlight("r1")).isEqualTo(1);
      c.commit();
    }
    assertThat(r1.last().closed).isTrue();
    assertThat(inFlight("r1")).isZero();
  }

  @Test
  void closingGivesBackTheConnectionRollsBackUnfinishedWorkAndClosesStatements() throws Exception {
    Connection c = ds.getConnection();
    c.setAutoCommit(false);
    Statement s = c.createStatement();
    s.executeUpdate("INSERT INTO t VALUES (1)");
    StubConnection physical = primary.last();
    c.close();
    assertThat(physical.calls).contains("rollback");
    assertThat(physical.closed).isTrue();
    assertThat(physical.allStatementsClosed()).isTrue();
    assertThat(s.isClosed()).isTrue();
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);
  }

  @Test
  void outsideATransactionAChangeOfRoleGivesBackTheConnectionAndRebindsLazily() throws Exception {
    try (Connection c = ds.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE t SET v = 1");
      }
      StubConnection onPrimary = primary.last();
      int r1Before = r1.forTestThread().size();
      c.setReadOnly(true);
      assertThat(onPrimary.closed).isTrue();
      assertThat(r1.forTestThread()).hasSize(r1Before); // lazily: nothing bound yet
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      assertThat(r1.forTestThread()).hasSize(r1Before + 1);
    }
  }

  @Test
  void aChangeOfRoleClosesEveryStatementStillOpenWhicheverWasMadeFirst() throws Exception {
    try (Connection c = ds.getConnection()) {
      Statement first = c.createStatement();
      Statement second = c.createStatement();
      first.executeUpdate("UPDATE t SET v = 1");
      first.close(); // the first one closed by its user: the others are still tracked
      Statement third = c.createStatement();
      Statement fourth = c.createStatement();
      StubConnection onPrimary = primary.last();
      c.setReadOnly(true);
      assertThat(onPrimary.statements).hasSize(4);
      assertThat(onPrimary.allStatementsClosed()).isTrue();
      assertThat(List.of(second.isClosed(), third.isClosed(), fourth.isClosed()))
          .containsOnly(true);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      StubConnection onReplica = r1.last();
      Statement open = c.createStatement();
      c.close();
      assertThat(onReplica.allStatementsClosed()).isTrue();
      assertThat(open.isClosed()).isTrue();
    }
  }

  @Test
  void insideATransactionAChangeOfRoleIsRefusedInBothDirections() throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      assertThatThrownBy(() -> c.setReadOnly(false))
          .isInstanceOf(SQLException.class)
          .hasMessageStartingWith(
              "cannot switch to the primary inside a transaction: this connection is on replica"
                  + " 'r1'");
      c.rollback();
      c.setReadOnly(false); // after the transaction it may move
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 2");
      }
      assertThat(primary.last().executed).containsExactly("SELECT 2");
    }
  }

  @Test
  void readViewConnectionsStayReadOnly() throws Exception {
    try (Connection c = ds.forReads().getConnection()) {
      c.setReadOnly(false); // a hint, ignored: this view is for reads
      assertThat(c.isReadOnly()).isTrue();
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      assertThat(r1.last().executed).containsExactly("SELECT 1");
    }
  }

  @Test
  void connectionFailuresCountAgainstTheReplicaUntilItIsEjectedWhileTheReadsRunAgainElsewhere()
      throws Exception {
    r1.failExecutionsWithState = "08006";
    for (int i = 0; i < 5; i++) {
      try (Connection c = ds.forReads().getConnection();
          Statement s = c.createStatement()) {
        s.execute("SELECT " + i);
        assertThat(primary.last().executed).containsExactly("SELECT " + i);
      }
    }
    assertThat(status("r1").state()).isEqualTo(EndpointStatus.State.EJECTED);
    assertThat(inFlight("r1")).isZero();
  }

  @Test
  void aReadThatFailsOnADeadReplicaConnectionRunsOnceMoreElsewhereAsItWasPrepared()
      throws Exception {
    r1.failExecutionsWithState = "57P01";
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
      p.setInt(1, 7);
      p.setQueryTimeout(3);
      p.execute();
      StubConnection failed = r1.last();
      assertThat(failed.executed).isEmpty();
      assertThat(failed.closed).isTrue();
      StubConnection again = primary.last();
      assertThat(again.executed).containsExactly("SELECT v FROM t WHERE id = ?");
      assertThat(again.statementCalls).containsExactly("setInt[1, 7]", "setQueryTimeout[3]");
      assertThat(again.calls).contains("setReadOnly[true]");
      assertThat(p.getConnection()).isSameAs(c);
      assertThat(((LogicalConnection) c).binding().reason()).isEqualTo(RouteReason.FALLBACK);
      p.execute(); // the statement lives on, on its new connection
      assertThat(again.executed).hasSize(2);
    }
    assertThat(primary.last().closed).isTrue();
    assertThat(inFlight("r1")).isZero();
  }

  @Test
  void aReadIsNotRunAgainInATransactionAfterAnEarlierExecutionOrForAnUpdate() throws Exception {
    int onPrimary = primary.forTestThread().size();
    r1.failExecutionsWithState = "57P01";
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.execute("SELECT 1")).hasMessage("stub failure");
    }
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("SELECT 2")).hasMessage("stub failure");
    }
    r1.failExecutionsWithState = "";
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 3"); // results handed out on this binding
      r1.failExecutionsWithState = "57P01";
      assertThatThrownBy(() -> s.execute("SELECT 4")).hasMessage("stub failure");
    }
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement();
        Statement other = c.createStatement()) {
      // another statement is open: moving the connection would close it under the caller
      assertThatThrownBy(() -> s.execute("SELECT 5")).hasMessage("stub failure");
    }
    r1.failExecutionsWithState = "42P01"; // not a connection failure: the same on any host
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT 6")).hasMessage("stub failure");
    }
    assertThat(primary.forTestThread()).hasSize(onPrimary);
  }

  @Test
  void aReadRunsAgainOnlyOnceAndReportsBothFailures() throws Exception {
    int onPrimary = primary.forTestThread().size();
    int onR1 = r1.forTestThread().size();
    r1.failExecutionsWithState = "57P01";
    primary.failExecutionsWithState = "57P01";
    try (Connection c = ds.forReads().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }
    assertThat(r1.forTestThread()).hasSize(onR1 + 1);
    assertThat(primary.forTestThread()).hasSize(onPrimary + 1);
  }

  private EndpointStatus status(String host) {
    return ds.router().balancer().endpoints().stream()
        .filter(e -> e.endpoint().id().equals(host))
        .findFirst()
        .orElseThrow();
  }

  /** The read view is the same data source read-only: its settings and answers are the router's. */
  @Test
  void theReadViewSharesTheRoutersSettings() throws Exception {
    DataSource reads = ds.forReads();
    PrintWriter log = new PrintWriter(new StringWriter());
    reads.setLogWriter(log);
    assertThat(ds.getLogWriter()).isSameAs(log);
    assertThat(reads.getLoginTimeout()).isZero();
    assertThatThrownBy(() -> reads.setLoginTimeout(5))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessage("set ballast.jdbc.hikari.connectionTimeout instead");
    assertThatThrownBy(reads::getParentLogger).hasMessage("Ballast logs through SLF4J");
    assertThat(reads.unwrap(RoutingDataSource.class)).isSameAs(ds);
  }

  private int inFlight(String host) {
    return status(host).inFlight();
  }
}
