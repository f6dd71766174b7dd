package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building a statement again: the recorded steps, in order; what cannot be given twice. */
class StatementReplayTest {
  private final List<String> calls = new ArrayList<>();

  private PreparedStatement recording() {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (p, m, a) -> {
              if (m.getName().equals("setQueryTimeout") && (int) a[0] < 0) {
                throw new SQLException("bad timeout", "22023");
              }
              calls.add(m.getName() + (a == null ? "" : List.of(a)));
              return Defaults.of(m.getReturnType());
            });
  }

  @Test
  void recreatesTheStatementWithTheRecordedStepsInOrder() throws Exception {
    StatementReplay r = new StatementReplay((c, q) -> c.prepareStatement(q), "SELECT ?");
    r.record(s -> ((PreparedStatement) s).setInt(1, 7));
    r.record(s -> s.setFetchSize(50));
    Connection c = TestBindings.inert(Connection.class);
    PreparedStatement made = recording();
    StatementReplay replay = new StatementReplay((x, q) -> made, "");
    replay.record(s -> ((PreparedStatement) s).setInt(1, 7));
    replay.record(s -> s.setFetchSize(50));

    assertThat(replay.recreate(c)).isSameAs(made);
    assertThat(calls).containsExactly("setInt[1, 7]", "setFetchSize[50]");
    assertThat(r.size()).isEqualTo(2);
  }

  @Test
  void aStepThatFailsClosesTheNewStatementAndThrows() {
    PreparedStatement made = recording();
    StatementReplay replay = new StatementReplay((x, q) -> made, "");
    replay.record(s -> s.setQueryTimeout(-1));

    assertThatThrownBy(() -> replay.recreate(TestBindings.inert(Connection.class)))
        .isInstanceOf(SQLException.class)
        .hasMessage("bad timeout");
    assertThat(calls).containsExactly("close");
  }

  @Test
  void streamsReadersAndConnectionBoundValuesAreNotReplayable() {
    assertThat(StatementReplay.replayable(null)).isTrue();
    assertThat(StatementReplay.replayable(42)).isTrue();
    assertThat(StatementReplay.replayable("text")).isTrue();
    assertThat(StatementReplay.replayable(new ByteArrayInputStream(new byte[1]))).isFalse();
    assertThat(StatementReplay.replayable(new StringReader("x"))).isFalse();
    assertThat(StatementReplay.replayable(TestBindings.inert(java.sql.Blob.class))).isFalse();
    assertThat(StatementReplay.replayable(TestBindings.inert(java.sql.Array.class))).isFalse();
  }
}
