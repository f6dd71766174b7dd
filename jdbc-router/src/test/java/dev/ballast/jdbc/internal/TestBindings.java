package dev.ballast.jdbc.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Bindings over inert stand-ins, for unit tests of the session machinery (no server involved). */
final class TestBindings {
  private TestBindings() {}

  /** A binding to a host named {@code name} for {@code reason}, on an inert connection. */
  static Binding of(String name, RouteReason reason) {
    DataSource ds = inert(DataSource.class);
    Host h =
        new Host(
            name, reason.toPrimary(), "a", ds, false, "loc-" + name, new PooledProbeConnector(ds));
    return new Binding(h, inert(Connection.class), reason, null, 0L);
  }

  /**
   * An owner of statements that lets every execution run, retries nothing and hands out {@code
   * logical} as the statements' connection: statement wrappers in isolation.
   */
  static StatementOwner owner(Connection logical) {
    return new StatementOwner() {
      @Override
      public Connection logical() {
        return logical;
      }

      @Override
      public boolean beforeExecute(Binding b, boolean mayWrite) {
        return true;
      }

      @Override
      public void executeFailed(Binding b, SQLException e) {}

      @Override
      public boolean mayRetry(Binding b, SQLException e, Statement statement) {
        return false;
      }

      @Override
      public @Nullable Binding rebindForRetry(Binding failed, SQLException e, Statement s) {
        return null;
      }

      @Override
      public void statementClosed(Statement statement) {}
    };
  }

  /** A proxy of {@code type} whose methods return defaults (null, 0, false). */
  static <T> T inert(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            TestBindings.class.getClassLoader(),
            new Class<?>[] {type},
            (p, m, a) -> {
              Class<?> r = m.getReturnType();
              if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                  case "hashCode" -> System.identityHashCode(p);
                  case "equals" -> p == a[0];
                  default -> "inert " + type.getSimpleName();
                };
              }
              return Defaults.of(r);
            }));
  }
}
