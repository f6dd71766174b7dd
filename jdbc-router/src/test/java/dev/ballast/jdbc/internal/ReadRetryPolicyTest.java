package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** When a failed read may run once more on another host, and when it must not. */
class ReadRetryPolicyTest {
  private static final SQLException KILLED =
      new SQLException("terminating connection due to administrator command", "57P01");
  private static final SQLException SYNTAX = new SQLException("syntax error", "42601");
  private static final StatementReplay.Factory FACTORY = (c, q) -> c.createStatement();

  private final Binding replica = TestBindings.of("r1", RouteReason.READ);
  private final Binding fallback = TestBindings.of("primary", RouteReason.FALLBACK);

  private Session boundTo(Binding b) {
    Session s = new Session() {};
    s.bindTo(b);
    return s;
  }

  @Test
  void aReadOnlyAutoCommitFirstStatementOnAReplicaGetsAReplay() {
    Session s = boundTo(replica);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, true, true, s, 0)).isSameAs(FACTORY);
  }

  @Test
  void noReplayOnThePrimaryInATransactionAfterWorkWithOtherStatementsOpenOrWhenPinned() {
    Session onPrimary = boundTo(fallback);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, fallback, true, true, onPrimary, 0))
        .as("on the primary")
        .isNull();
    Session s = boundTo(replica);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, true, false, s, 0))
        .as("auto-commit off")
        .isNull();
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, false, true, s, 0))
        .as("read-write")
        .isNull();
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, true, true, s, 1))
        .as("another statement open")
        .isNull();
    s.work(true, false);
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, true, true, s, 0))
        .as("something ran already")
        .isNull();
    Session pinned = boundTo(replica);
    pinned.pin();
    assertThat(ReadRetryPolicy.replayFor(FACTORY, replica, true, true, pinned, 0))
        .as("pinned")
        .isNull();
  }

  @Test
  void onlyAConnectionFailureOfTheOnlyOpenStatementOnTheCurrentBindingIsRetried() {
    Session s = boundTo(replica);
    boolean killed = SqlStates.isConnectionFailure(KILLED);
    assertThat(ReadRetryPolicy.mayRetry(replica, true, true, s, true, killed)).isTrue();
    assertThat(
            ReadRetryPolicy.mayRetry(
                replica, true, true, s, true, SqlStates.isConnectionFailure(SYNTAX)))
        .as("not a connection failure")
        .isFalse();
    assertThat(ReadRetryPolicy.mayRetry(replica, true, true, s, false, killed))
        .as("another statement open")
        .isFalse();
    assertThat(ReadRetryPolicy.mayRetry(replica, true, false, s, true, killed))
        .as("auto-commit off")
        .isFalse();
    Binding stale = TestBindings.of("r2", RouteReason.READ);
    assertThat(ReadRetryPolicy.mayRetry(stale, true, true, s, true, killed))
        .as("a binding given back already")
        .isFalse();
    s.pin();
    assertThat(ReadRetryPolicy.mayRetry(replica, true, true, s, true, killed))
        .as("pinned")
        .isFalse();
  }
}
