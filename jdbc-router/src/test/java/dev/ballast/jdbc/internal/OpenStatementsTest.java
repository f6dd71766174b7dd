package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The open statements in one field: none, one, then a list; removal by identity; closing all. */
class OpenStatementsTest {
  private final List<String> closed = new ArrayList<>();
  private @Nullable Object open;

  /** A statement that records its close and, as a routed statement does, forgets itself then. */
  private Statement statement(String name) {
    Statement[] self = new Statement[1];
    self[0] =
        (Statement)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Statement.class},
                (p, m, a) -> {
                  if (m.getName().equals("close")) {
                    closed.add(name);
                    open = OpenStatements.remove(open, self[0]);
                    return null;
                  }
                  if (m.getName().equals("hashCode")) {
                    return System.identityHashCode(p);
                  }
                  if (m.getName().equals("equals")) {
                    return true; // equal to everything: removal must go by identity
                  }
                  return m.getName().equals("toString") ? name : null;
                });
    return self[0];
  }

  @Test
  void oneStatementNeedsNoListAndTwoMakeOne() {
    Statement a = statement("a");
    Statement b = statement("b");
    assertThat(OpenStatements.count(open)).isZero();
    open = OpenStatements.add(open, a);
    assertThat(open).isSameAs(a);
    assertThat(OpenStatements.only(open, a)).isTrue();
    assertThat(OpenStatements.only(open, b)).isFalse();

    open = OpenStatements.add(open, b);
    assertThat(open).isInstanceOf(List.class);
    assertThat(OpenStatements.count(open)).isEqualTo(2);
    assertThat(OpenStatements.only(open, a)).isFalse();

    open = OpenStatements.remove(open, a);
    assertThat(OpenStatements.count(open)).isEqualTo(1);
    assertThat(OpenStatements.only(open, b)).as("b, by identity, not a's equals").isTrue();
    open = OpenStatements.remove(open, b);
    assertThat(OpenStatements.count(open)).isZero();
  }

  @Test
  void removingTheOneOpenEmptiesTheFieldAndAStrangerChangesNothing() {
    Statement a = statement("a");
    open = OpenStatements.add(null, a);
    assertThat(OpenStatements.remove(open, statement("stranger"))).isSameAs(a);
    assertThat(OpenStatements.remove(open, a)).isNull();
  }

  @Test
  void closeAllClosesTheNewestFirstWhileEachCloseForgetsItself() {
    open = OpenStatements.add(open, statement("a"));
    open = OpenStatements.add(open, statement("b"));
    open = OpenStatements.add(open, statement("c"));

    OpenStatements.closeAll(open);

    assertThat(closed).containsExactly("c", "b", "a");
    assertThat(OpenStatements.count(open)).isZero();
  }

  @Test
  void closeAllOfOneOrNone() {
    OpenStatements.closeAll(null);
    OpenStatements.closeAll(statement("only"));
    assertThat(closed).containsExactly("only");
  }
}
