package dev.ballast.jdbc.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ballast.jdbc.internal.ProbeResult;
import dev.ballast.testkit.MariaDbClusterExtension;
import dev.ballast.testkit.MariaDbNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MariaDB dialect against a real MariaDB 11.4 primary and GTID replica (one cluster for the
 * class; the extension resumes paused replicas after each test). Each test uses its own table.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MariaDbDialectTest {

  @RegisterExtension
  static final MariaDbClusterExtension db = MariaDbClusterExtension.builder().replicas(1).build();

  private final Dialect dialect = Dialects.forUrl(db.primary().jdbcUrl());

  @Test
  void theUrlOfTheClusterSelectsTheMariaDbDialect() {
    assertThat(dialect).isInstanceOf(MariaDbDialect.class);
  }

  @Test
  void roleComesFromReadOnlyAndTheReplicaStatus() throws SQLException {
    execute(db.primary(), "CREATE TABLE role_t (id INT PRIMARY KEY)");
    db.cluster().waitForReplication();

    ProbeResult primary = probe(db.primary());
    ProbeResult replica = probe(db.node("r1"));

    assertThat(primary.roleKnown()).isTrue();
    assertThat(primary.inRecovery()).isFalse();
    assertThat(primary.lsn())
        .isEqualTo(GtidPosition.parse(db.primary().gtidPosition()).sequenceSum())
        .isPositive();
    assertThat(replica.roleKnown()).isTrue();
    assertThat(replica.inRecovery()).isTrue();
  }

  @Test
  void anIdleCaughtUpReplicaIsNotBehind() throws SQLException {
    execute(db.primary(), "CREATE TABLE idle_t (id INT PRIMARY KEY)");
    execute(db.primary(), "INSERT INTO idle_t VALUES (1)");
    db.cluster().waitForReplication();

    ProbeResult primary = probe(db.primary());
    ProbeResult replica = probe(db.node("r1"));

    assertThat(replica.lsn()).isEqualTo(primary.lsn());
    assertThat(replica.receiveLsn()).isLessThanOrEqualTo(replica.lsn());
    assertThat(replica.replayAgeSeconds()).isZero();
  }

  @Test
  void aStoppedSqlThreadIsLagEvenWithNothingLeftToApply() throws SQLException {
    execute(db.primary(), "CREATE TABLE stopped_t (id INT PRIMARY KEY)");
    db.cluster().waitForReplication();
    MariaDbNode r1 = db.node("r1");

    r1.pauseReplication();
    ProbeResult idleButStopped = probe(r1);
    execute(db.primary(), "INSERT INTO stopped_t VALUES (1)");
    ProbeResult stoppedAndBehind = probe(r1);

    assertThat(idleButStopped.receiveLsn()).isGreaterThan(idleButStopped.lsn());
    assertThat(idleButStopped.replayAgeSeconds()).isInfinite();
    assertThat(stoppedAndBehind.receiveLsn()).isGreaterThan(stoppedAndBehind.lsn());
    assertThat(stoppedAndBehind.lsn()).isLessThan(probe(db.primary()).lsn());
  }

  @Test
  void theTokenIsTheCommitsGtidAndAReplicaWaitsUntilItHasAppliedIt() throws SQLException {
    execute(db.primary(), "CREATE TABLE token_t (id INT PRIMARY KEY)");
    String token;
    try (Connection c = db.primary().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO token_t VALUES (1)");
      }
      c.commit();
      token = dialect.commitPosition(c);
      assertThat(c.getAutoCommit()).isFalse();
    }

    assertThat(token).matches("0-1-\\d+").isEqualTo(db.primary().gtidPosition());
    try (Connection c = db.node("r1").dataSource().getConnection()) {
      assertThat(dialect.awaitPosition(c, token, Duration.ofSeconds(10))).isTrue();
      assertThat(count(c, "token_t")).isEqualTo(1);
    }
    assertThat(dialect.covers(db.node("r1").gtidPosition(), token)).isTrue();
  }

  @Test
  void theWaitIsBoundedWhenTheReplicaDoesNotApply() throws SQLException {
    execute(db.primary(), "CREATE TABLE bounded_t (id INT PRIMARY KEY)");
    db.cluster().waitForReplication();
    MariaDbNode r1 = db.node("r1");
    r1.pauseReplication();
    String token;
    try (Connection c = db.primary().dataSource().getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO bounded_t VALUES (1)");
      }
      token = dialect.commitPosition(c);
    }

    try (Connection c = r1.dataSource().getConnection()) {
      assertThat(dialect.awaitPosition(c, token, Duration.ofMillis(300))).isFalse();
      assertThat(dialect.awaitPosition(c, token, Duration.ZERO)).isFalse();
      assertThat(count(c, "bounded_t")).isZero();
    }
    assertThat(dialect.covers(r1.gtidPosition(), token)).isFalse();
  }

  @Test
  void theServersOwnErrorsAreClassified() throws SQLException {
    execute(db.primary(), "CREATE TABLE errors_t (id INT PRIMARY KEY)");
    db.cluster().waitForReplication();
    MariaDbNode r1 = db.node("r1");

    Throwable readOnly = catchThrowable(() -> execute(r1, "INSERT INTO errors_t VALUES (1)"));
    assertThat(dialect.isReadOnlyViolation(readOnly)).as(String.valueOf(readOnly)).isTrue();
    assertThat(dialect.isConnectionFailure(readOnly)).isFalse();

    try (Connection victim = r1.dataSource().getConnection();
        Connection killer = r1.dataSource().getConnection()) {
      long id;
      try (Statement s = victim.createStatement();
          ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
        rs.next();
        id = rs.getLong(1);
      }
      try (Statement s = killer.createStatement()) {
        s.execute("KILL CONNECTION " + id);
      }
      Throwable killed = catchThrowable(() -> count(victim, "errors_t"));
      assertThat(dialect.isConnectionFailure(killed)).as(String.valueOf(killed)).isTrue();
      assertThat(dialect.isReadOnlyViolation(killed)).isFalse();
    }
  }

  private ProbeResult probe(MariaDbNode node) throws SQLException {
    try (Connection c = node.dataSource().getConnection()) {
      return dialect.probe(c, 5);
    }
  }

  private static void execute(MariaDbNode node, String sql) throws SQLException {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
