package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every method of the JDBC interfaces Ballast wraps reaches the wrapped object: each is called on
 * the wrapper and must arrive, as the same method, at a recording target. Fails when an interface
 * method (a new one in a later JDK too, or a default one) is not delegated.
 */
class RoutedDelegationTest {
  private final Connection logical = TestBindings.inert(Connection.class);
  private final Binding binding = TestBindings.of("r1", RouteReason.READ);
  private final StatementOwner owner = TestBindings.owner(logical);

  @Test
  void statementsDelegateEveryMethodButGetConnection() throws Exception {
    assertDelegates(
        Statement.class,
        t -> new RoutedStatement(t, owner, binding, null, null),
        Set.of("getConnection"));
  }

  @Test
  void preparedStatementsDelegateEveryMethodButGetConnection() throws Exception {
    assertDelegates(
        PreparedStatement.class,
        t -> new RoutedPreparedStatement(t, owner, binding, "SELECT 1", null),
        Set.of("getConnection"));
  }

  @Test
  void preparedStatementsThatMayRunAgainDelegateEveryMethodToo() throws Exception {
    assertDelegates(
        PreparedStatement.class,
        t ->
            new RoutedPreparedStatement(
                t, owner, binding, "SELECT 1", (c, q) -> c.prepareStatement(q)),
        Set.of("getConnection"));
  }

  @Test
  void callableStatementsDelegateEveryMethodButGetConnection() throws Exception {
    assertDelegates(
        CallableStatement.class,
        t -> new RoutedCallableStatement(t, owner, binding, "{call p()}"),
        Set.of("getConnection"));
  }

  @Test
  void resultSetsDelegateEveryMethodButGetStatement() throws Exception {
    assertDelegates(ResultSet.class, t -> new RoutedResultSet(t, null), Set.of("getStatement"));
  }

  @Test
  void metadataDelegatesEveryMethodButGetConnection() throws Exception {
    assertDelegates(
        DatabaseMetaData.class, t -> new RoutedMetaData(t, logical), Set.of("getConnection"));
  }

  @Test
  void theExceptionsLeadBackToBallastsObjects() throws Exception {
    RoutedStatement s =
        new RoutedStatement(TestBindings.inert(Statement.class), owner, binding, null, null);
    assertThat(s.getConnection()).isSameAs(logical);
    assertThat(new RoutedResultSet(TestBindings.inert(ResultSet.class), s).getStatement())
        .isSameAs(s);
    assertThat(
            new RoutedMetaData(TestBindings.inert(DatabaseMetaData.class), logical).getConnection())
        .isSameAs(logical);
  }

  private static <T> void assertDelegates(
      Class<T> type, Function<T, ? extends T> wrap, Set<String> notDelegated) throws Exception {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || notDelegated.contains(m.getName())) {
        continue;
      }
      List<Method> received = new ArrayList<>();
      T target = recording(type, received);
      T wrapper = wrap.apply(target);
      try {
        m.invoke(wrapper, arguments(m));
      } catch (InvocationTargetException e) {
        throw new AssertionError(m + " threw", e.getCause());
      }
      checked++;
      boolean arrived =
          received.stream()
              .anyMatch(
                  r ->
                      r.getName().equals(m.getName())
                          && List.of(r.getParameterTypes()).equals(List.of(m.getParameterTypes())));
      if (!arrived) {
        missing.add(m.toGenericString() + " (target saw " + received + ")");
      }
    }
    assertThat(missing).as("methods of %s not delegated", type.getSimpleName()).isEmpty();
    assertThat(checked).isGreaterThan(40);
  }

  private static Object[] arguments(Method m) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      // a Class that no wrapper implements, so unwrap and isWrapperFor must ask the target
      args[i] = types[i] == Class.class ? Runnable.class : Defaults.of(types[i]);
    }
    return args;
  }

  /** A stand-in that records the methods called on it and returns defaults, or stand-ins. */
  private static <T> T recording(Class<T> type, List<Method> received) {
    return type.cast(
        Proxy.newProxyInstance(
            RoutedDelegationTest.class.getClassLoader(),
            new Class<?>[] {type},
            (p, m, a) -> {
              if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                  case "hashCode" -> System.identityHashCode(p);
                  case "equals" -> p == a[0];
                  default -> "recording " + type.getSimpleName();
                };
              }
              received.add(m);
              Class<?> r = m.getReturnType();
              if (r.isInterface() && r.getPackageName().equals("java.sql")) {
                return TestBindings.inert(r);
              }
              return Defaults.of(r);
            }));
  }
}
