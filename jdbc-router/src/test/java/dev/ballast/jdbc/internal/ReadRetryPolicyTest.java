package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a failed read may run once more on another host, and when it must not. */
class ReadRetryPolicyTest {
  private static final SQLException KILLED =
      new SQLException("terminating connection due to administrator command", "57P01");
  private static final SQLException SYNTAX = new SQLException("syntax error", "42601");
  private static final StatementReplay.Factory FACTORY = (c, q) -> c.createStatement();

  private final Binding replica = TestBindings.of("r1", RouteReason.READ);
  private final Binding fallback = TestBindings.of("primary", RouteReason.FALLBACK);
  private final Statement statement = TestBindings.inert(Statement.class);
  private final ConnectionSettings readOnlyAutoCommit = new ConnectionSettings(true, true);

  private Session boundTo(Binding b) {
    Session s = new Session();
    s.bind(b);
    return s;
  }

  @Test
  void aReadOnlyAutoCommitFirstStatementOnAReplicaGetsAReplay() {
    Session s = boundTo(replica);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, "", replica, readOnlyAutoCommit, s, List.of()))
        .isNotNull();
  }

  @Test
  void noReplayOnThePrimaryInATransactionAfterWorkWithOtherStatementsOpenOrWhenPinned() {
    Session onPrimary = boundTo(fallback);
    assertThat(
            ReadRetryPolicy.replayFor(
                FACTORY, "", fallback, readOnlyAutoCommit, onPrimary, List.of()))
        .as("on the primary")
        .isNull();
    Session s = boundTo(replica);
    ConnectionSettings tx = new ConnectionSettings(false, true);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, "", replica, tx, s, List.of()))
        .as("auto-commit off")
        .isNull();
    ConnectionSettings readWrite = new ConnectionSettings(true, false);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, "", replica, readWrite, s, List.of()))
        .as("read-write")
        .isNull();
    assertThat(
            ReadRetryPolicy.replayFor(
                FACTORY, "", replica, readOnlyAutoCommit, s, List.of(statement)))
        .as("another statement open")
        .isNull();
    s.work(true, false);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, "", replica, readOnlyAutoCommit, s, List.of()))
        .as("something ran already")
        .isNull();
    Session pinned = boundTo(replica);
    pinned.pin();
    assertThat(
            ReadRetryPolicy.replayFor(FACTORY, "", replica, readOnlyAutoCommit, pinned, List.of()))
        .as("pinned")
        .isNull();
  }

  @Test
  void onlyAConnectionFailureOfTheOnlyOpenStatementOnTheCurrentBindingIsRetried() {
    Session s = boundTo(replica);
    List<Statement> open = List.of(statement);
    assertThat(ReadRetryPolicy.mayRetry(replica, KILLED, statement, readOnlyAutoCommit, s, open))
        .isTrue();
    assertThat(ReadRetryPolicy.mayRetry(replica, SYNTAX, statement, readOnlyAutoCommit, s, open))
        .as("not a connection failure")
        .isFalse();
    Statement other = TestBindings.inert(Statement.class);
    assertThat(
            ReadRetryPolicy.mayRetry(
                replica, KILLED, statement, readOnlyAutoCommit, s, List.of(statement, other)))
        .as("two statements open")
        .isFalse();
    Binding stale = TestBindings.of("r2", RouteReason.READ);
    assertThat(ReadRetryPolicy.mayRetry(stale, KILLED, statement, readOnlyAutoCommit, s, open))
        .as("a binding given back already")
        .isFalse();
    s.pin();
    assertThat(ReadRetryPolicy.mayRetry(replica, KILLED, statement, readOnlyAutoCommit, s, open))
        .as("pinned")
        .isFalse();
  }
}
