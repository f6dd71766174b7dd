package dev.ballast.jdbc.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

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
