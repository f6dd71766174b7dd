package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.jdbc.internal.Session.State;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The logical connection's state machine: every transition, legal and illegal. */
class SessionTest {
  private final Binding primary = TestBindings.of("primary", RouteReason.WRITE);
  private final Binding replica = TestBindings.of("r1", RouteReason.READ);

  @Test
  void walksUnboundBoundInTransactionBoundUnboundClosed() {
    Session s = new Session() {};
    assertThat(s.state()).isEqualTo(State.UNBOUND);
    assertThat(s.binding()).isNull();

    s.bindTo(primary);
    assertThat(s.state()).isEqualTo(State.BOUND);
    assertThat(s.binding()).isSameAs(primary);

    assertThat(s.work(false, true)).as("first statement").isTrue();
    assertThat(s.state()).isEqualTo(State.IN_TRANSACTION);
    assertThat(s.work(false, false)).as("second statement").isFalse();

    assertThat(s.end(true)).as("a committed write owes a position").isTrue();
    assertThat(s.state()).isEqualTo(State.BOUND);

    assertThat(s.leaveBinding()).isSameAs(primary);
    assertThat(s.state()).isEqualTo(State.UNBOUND);

    assertThat(s.closeSession()).isNull();
    assertThat(s.state()).isEqualTo(State.CLOSED);
    assertThat(s.isOpen()).isFalse();
  }

  @Test
  void autoCommitWorkStaysBoundAndOwesAPositionOnlyForWrites() {
    Session s = new Session() {};
    s.bindTo(primary);
    s.work(true, false);
    assertThat(s.state()).isEqualTo(State.BOUND);
    assertThat(s.owesPosition()).isFalse();
    s.work(true, true);
    assertThat(s.owesPosition()).isTrue();
    s.positionRecorded();
    assertThat(s.owesPosition()).isFalse();
  }

  @Test
  void aRolledBackTransactionOwesNothing() {
    Session s = new Session() {};
    s.bindTo(primary);
    s.work(false, true);
    assertThat(s.end(false)).isFalse();
    assertThat(s.end(true)).as("nothing left to commit").isFalse();
  }

  @Test
  void aSavepointOpensTheTransactionWithAutoCommitOff() {
    Session s = new Session() {};
    s.bindTo(primary);
    s.savepoint(true);
    assertThat(s.state()).isEqualTo(State.BOUND);
    s.savepoint(false);
    assertThat(s.state()).isEqualTo(State.IN_TRANSACTION);
  }

  @Test
  void theFirstStatementIsCountedPerBinding() {
    Session s = new Session() {};
    s.bindTo(replica);
    assertThat(s.work(true, false)).isTrue();
    assertThat(s.executed()).isTrue();
    s.leaveBinding();
    s.bindTo(replica);
    assertThat(s.executed()).isFalse();
    assertThat(s.work(true, false)).isTrue();
  }

  @Test
  void aMoveIsRefusedInsideATransactionWith25001() {
    Session s = new Session() {};
    s.bindTo(replica);
    s.work(false, false);

    assertThatThrownBy(() -> s.checkMovable(false))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("inside a transaction")
        .hasMessageContaining("replica 'r1'")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("25001");
    assertThatThrownBy(s::leaveBinding)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'unbind' in state IN_TRANSACTION");
  }

  @Test
  void aPinnedBindingRefusesAMoveWith25001AndCannotBeUnbound() {
    Session s = new Session() {};
    s.bindTo(primary);
    assertThatNoException().isThrownBy(() -> s.checkMovable(true));
    s.pin();
    assertThat(s.pinned()).isTrue();

    assertThatThrownBy(() -> s.checkMovable(true))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("the primary 'primary'")
        .hasMessageContaining("handed out")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("25001");
    assertThatThrownBy(s::leaveBinding)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(pinned)");
    assertThat(s.closeSession()).as("close always gives the binding back").isSameAs(primary);
    assertThat(s.pinned()).isFalse();
  }

  @Test
  void illegalTransitionsThrowInsteadOfDoingNothing() {
    Session s = new Session() {};
    assertThatThrownBy(() -> s.work(true, false)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::pin).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.end(true)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::leaveBinding).isInstanceOf(IllegalStateException.class);
    s.bindTo(primary);
    assertThatThrownBy(() -> s.bindTo(replica))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'bind' in state BOUND");
    s.closeSession();
    assertThatThrownBy(s::closeSession)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'close' in state CLOSED");
    assertThatThrownBy(() -> s.bindTo(primary)).isInstanceOf(IllegalStateException.class);
  }
}
