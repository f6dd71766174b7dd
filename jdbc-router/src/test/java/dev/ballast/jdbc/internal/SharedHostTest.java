package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.jdbc.internal.dialect.Dialect;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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

  /**
   * A shared server probed through a pool (builder mode) is asked once per probe: a pool that
   * cannot connect has already waited its whole {@code connectionTimeout}, and a second try on a
   * "fresh" connection from the same pool would wait it again.
   */
  @Test
  void aServerProbedThroughAPoolIsNotRetriedOnAConnectionFailure() {
    AtomicInteger attempts = new AtomicInteger();
    SharedHost pooled = new SharedHost("db2:5432", refusing(attempts, false));
    pooled.listen(orders);
    assertThatThrownBy(() -> pooled.probe(failures(), 1, 0, orders))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refused");
    assertThat(attempts).hasValue(1);
  }

  /** A connector that keeps its connection between probes does get one fresh try. */
  @Test
  void aServerProbedOverAKeptConnectionIsRetriedOnceOnAConnectionFailure() {
    AtomicInteger attempts = new AtomicInteger();
    SharedHost kept = new SharedHost("db3:5432", refusing(attempts, true));
    kept.listen(orders);
    assertThatThrownBy(() -> kept.probe(failures(), 1, 0, orders)).isInstanceOf(SQLException.class);
    assertThat(attempts).hasValue(2);
  }

  private static Dialect failures() {
    return (Dialect)
        Proxy.newProxyInstance(
            SharedHostTest.class.getClassLoader(),
            new Class<?>[] {Dialect.class},
            (p, m, a) ->
                m.getName().equals("isConnectionFailure") ? true : Defaults.of(m.getReturnType()));
  }

  private static ProbeConnector refusing(AtomicInteger attempts, boolean retries) {
    return new ProbeConnector() {
      @Override
      public Connection acquire() throws SQLException {
        attempts.incrementAndGet();
        throw new SQLException("Connection to 127.0.0.1:9 refused", "08001");
      }

      @Override
      public boolean retriesOnFreshConnection() {
        return retries;
      }

      @Override
      public void release(Connection connection, boolean broken) {}

      @Override
      public void close() {}
    };
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
