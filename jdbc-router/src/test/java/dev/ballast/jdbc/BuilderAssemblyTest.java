package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.lb.ConfigException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The builder's checks, all problems in one exception and nothing touched: no server needed, as a
 * refused builder must not take a connection. The builder over real servers: {@code
 * ConfigurationTest}, {@code ReadRoutingTest}.
 */
class BuilderAssemblyTest {
  private final AtomicInteger calls = new AtomicInteger();
  private final DataSource untouchable =
      (DataSource)
          Proxy.newProxyInstance(
              BuilderAssemblyTest.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (p, m, a) -> {
                calls.incrementAndGet();
                throw new UnsupportedOperationException("a refused builder took a connection");
              });

  @Test
  void everyProblemIsReportedAtOnceAndNoDataSourceIsUsed() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                RoutingDataSource.builder()
                    .name("")
                    .primary("p", untouchable, "")
                    .replica("p", untouchable)
                    .replica("", untouchable, "z")
                    .healthCheckTimeout(Duration.ofMillis(-1))
                    .readYourWritesWindow(Duration.ZERO)
                    .maxReplicaLag(Duration.ofSeconds(-1))
                    .readYourWritesMaxWait(Duration.ofMillis(-5))
                    .build());

    assertThat(e.problems())
        .containsExactly(
            "replica: 'p' (expected: a unique, non-blank host name)",
            "replica: '' (expected: a unique, non-blank host name)",
            "name: '' (expected: a non-blank name)",
            "healthCheckTimeout: -1ms (expected: a positive duration)",
            "readYourWritesWindow: 0s (expected: a positive duration)",
            "maxReplicaLag: -1s (expected: a duration >= 0)",
            "readYourWritesMaxWait: -5ms (expected: a duration >= 0)");
    assertThat(calls).hasValue(0);
  }

  @Test
  void withoutATimeoutTheProbeTimeoutFollowsTheIntervalWhichIsCheckedFirst() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                RoutingDataSource.builder()
                    .primary(untouchable)
                    .healthCheckInterval(Duration.ofSeconds(-2))
                    .build());

    // the derived timeout is kept within 1 s..5 s, so only the interval is wrong
    assertThat(e.problems())
        .containsExactly("healthCheckInterval: -2s (expected: a positive duration)");
    assertThat(calls).hasValue(0);
  }
}
