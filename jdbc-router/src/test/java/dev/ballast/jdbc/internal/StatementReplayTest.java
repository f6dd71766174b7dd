package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Building a statement again: the steps a statement that may run again records, in order; nothing
 * recorded by one that may not; what cannot be given twice.
 */
class StatementReplayTest {
  private static final StatementReplay.Factory PREPARE = (c, q) -> c.prepareStatement(q);

  private final List<String> calls = new ArrayList<>();
  private final Binding binding = TestBindings.of("r1", RouteReason.READ);
  private final StatementOwner owner = TestBindings.owner(TestBindings.inert(Connection.class));

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

  private RoutedPreparedStatement statement(StatementReplay.@Nullable Factory replay) {
    return new RoutedPreparedStatement(
        TestBindings.inert(PreparedStatement.class), owner, binding, "SELECT ?", replay);
  }

  @Test
  void rebuildsTheStatementWithTheRecordedStepsInOrder() throws Exception {
    RoutedPreparedStatement s = statement(PREPARE);
    s.setInt(1, 7);
    s.setFetchSize(50);
    s.setString(2, "x");
    PreparedStatement made = recording();

    Statement rebuilt = s.rebuild((x, q) -> made, TestBindings.inert(Connection.class), "SELECT ?");

    assertThat(rebuilt).isSameAs(made);
    assertThat(calls).containsExactly("setInt[1, 7]", "setFetchSize[50]", "setString[2, x]");
    assertThat(s.recordedSteps()).isEqualTo(3);
  }

  @Test
  void aSetIntThatIsNotTheFirstStepKeepsItsPlaceAmongTheOthers() throws Exception {
    RoutedPreparedStatement s = statement(PREPARE);
    s.setFetchSize(50);
    s.setInt(1, 7);
    s.clearParameters();
    s.setInt(1, 8);
    s.setString(2, "x");
    s.setQueryTimeout(3);
    PreparedStatement made = recording();

    s.rebuild((x, q) -> made, TestBindings.inert(Connection.class), "SELECT ?");

    assertThat(calls)
        .containsExactly(
            "setFetchSize[50]",
            "setInt[1, 7]",
            "clearParameters",
            "setInt[1, 8]",
            "setString[2, x]",
            "setQueryTimeout[3]");
    assertThat(s.recordedSteps()).isEqualTo(6);
  }

  @Test
  void aFirstSetIntComesBackBeforeTheStepsAfterIt() throws Exception {
    RoutedPreparedStatement s = statement(PREPARE);
    s.setInt(1, 7);
    s.clearParameters();
    s.setInt(1, 9);
    PreparedStatement made = recording();

    s.rebuild((x, q) -> made, TestBindings.inert(Connection.class), "SELECT ?");

    assertThat(calls).containsExactly("setInt[1, 7]", "clearParameters", "setInt[1, 9]");
  }

  @Test
  void aStatementThatMayNotRunAgainRecordsNothing() throws Exception {
    RoutedPreparedStatement s = statement(null);
    s.setInt(1, 7);
    s.setFetchSize(50);

    assertThat(s.recordedSteps()).isZero();
  }

  @Test
  void aStreamDropsTheReplay() throws Exception {
    RoutedPreparedStatement s = statement(PREPARE);
    s.setInt(1, 7);
    s.setBinaryStream(2, new ByteArrayInputStream(new byte[1]));

    assertThat(s.replay).isNull();
  }

  @Test
  void aStepThatFailsClosesTheNewStatementAndThrows() throws Exception {
    RoutedPreparedStatement s = statement(PREPARE);
    s.setQueryTimeout(-1);
    PreparedStatement made = recording();

    assertThatThrownBy(
            () -> s.rebuild((x, q) -> made, TestBindings.inert(Connection.class), "SELECT ?"))
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
