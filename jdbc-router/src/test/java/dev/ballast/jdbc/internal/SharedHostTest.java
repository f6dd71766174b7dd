package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.internal.dialect.Dialect;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One server's probe shared by several routers: coalescing, and who hears of a role change. */
class SharedHostTest {
  private static final long LONG_AGO = TimeUnit.HOURS.toNanos(1);

  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicBoolean inRecovery = new AtomicBoolean();
  private final Dialect dialect = dialect();
  private final SharedHost host = new SharedHost("db1:5432", connector());
  private final List<String> told = new ArrayList<>();
  private final Runnable orders = () -> told.add("orders");
  private final Runnable invoices = () -> told.add("invoices");

  @Test
  void aLoneRouterAlwaysProbesAfresh() throws Exception {
    host.listen(orders);
    host.probe(dialect, 1, LONG_AGO, orders);
    host.probe(dialect, 1, LONG_AGO, orders);
    assertThat(probes).hasValue(2);
  }

  @Test
  void twoRoutersShareARecentProbeAndAFailureForcesAFreshOne() throws Exception {
    host.listen(orders);
    host.listen(invoices);
    host.probe(dialect, 1, LONG_AGO, orders);
    host.probe(dialect, 1, LONG_AGO, invoices);
    assertThat(probes).hasValue(1);
    assertThat(host.probes()).isEqualTo(1);
    host.probe(dialect, 1, 0, invoices); // after a failure: nothing cached will do
    assertThat(probes).hasValue(2);
  }

  @Test
  void aRoleChangeIsToldToEveryOtherRouter() throws Exception {
    host.listen(orders);
    host.listen(invoices);
    inRecovery.set(true);
    host.probe(dialect, 1, 0, orders);
    assertThat(told).isEmpty(); // the first outcome is no change
    inRecovery.set(false); // promoted
    ProbeResult r = host.probe(dialect, 1, 0, orders);
    assertThat(r.inRecovery()).isFalse();
    assertThat(told).containsExactly("invoices");
    host.probe(dialect, 1, 0, invoices);
    assertThat(told).containsExactly("invoices"); // same role again: nobody is told
    host.unlisten(invoices);
    inRecovery.set(true);
    host.probe(dialect, 1, 0, orders);
    assertThat(told).containsExactly("invoices");
  }

  private Dialect dialect() {
    return (Dialect)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Dialect.class},
            (p, m, a) -> {
              if (m.getName().equals("probe")) {
                probes.incrementAndGet();
                return new ProbeResult(inRecovery.get(), true, 1, Lsns.NONE, Double.NaN, 1);
              }
              return Defaults.of(m.getReturnType());
            });
  }

  private static ProbeConnector connector() {
    Connection c = TestBindings.inert(Connection.class);
    return new ProbeConnector() {
      @Override
      public Connection acquire() {
        return c;
      }

      @Override
      public void release(Connection connection, boolean broken) {}

      @Override
      public void close() {}
    };
  }
}
