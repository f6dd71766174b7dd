package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.internal.RouterConfig;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Strategy;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad configuration fails at construction with one line per problem — key, value, expectation — and
 * leaves nothing running: no pool threads, no server connections.
 */
class ConfigurationTest {
  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().build();

  @AfterEach
  void nothingWasLeftRunning() {
    // a closed router's threads and server backends end asynchronously, but promptly
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(routerThreads()).isEmpty();
              assertThat(clientBackends(pg.primary())).isZero();
            });
  }

  private static Properties valid() {
    Properties p = new Properties();
    p.setProperty("ballast.jdbc.name", "bad-db");
    p.setProperty("ballast.jdbc.username", "postgres");
    p.setProperty("ballast.jdbc.password", "s3cret!");
    p.setProperty("ballast.jdbc.primary.url", pg.primary().jdbcUrl());
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "2");
    p.setProperty("ballast.jdbc.hikari.dataSource.ApplicationName", "bad-db");
    return p;
  }

  @Test
  void everyProblemIsReportedAtOnceWithKeyValueAndExpectation() {
    Properties p = valid();
    p.remove("ballast.jdbc.primary.url");
    p.setProperty("ballast.jdbc.health-check.interval", "5 seconds");
    p.setProperty("ballast.jdbc.read-your-writes", "sometimes");
    p.setProperty("ballast.jdbc.hikari.maxPoolSize", "10");
    p.setProperty("ballast.jdbc.replica-stratgy", "round-robin");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> RoutingDataSource.fromProperties(p));

    assertThat(e.problems())
        .containsExactly(
            "ballast.jdbc.hikari.maxPoolSize: 10 (expected: a HikariCP property; did you mean"
                + " 'maximumPoolSize'?)",
            "ballast.jdbc.primary.url: (missing) (expected: a JDBC URL such as"
                + " jdbc:postgresql://host:5432/db)",
            "ballast.jdbc.health-check.interval: 5 seconds (expected: a non-negative duration such"
                + " as 250ms, 5s, 2m or PT5S)",
            "ballast.jdbc.read-your-writes: sometimes (expected: one of off|window|lsn|gtid)",
            "ballast.jdbc.replica-stratgy: round-robin (expected: a known key; did you mean"
                + " 'ballast.jdbc.replica-strategy'?)");
    assertThat(e).hasMessageStartingWith("Invalid Ballast configuration (5 problems):");
    assertThat(e.getMessage()).doesNotContain("s3cret!");
  }

  @Test
  void badHikariValuesAndUrlsNameTheirKeys() {
    Properties p = valid();
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "ten");
    p.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "0");
    p.setProperty("ballast.jdbc.hikari.jdbcUrl", "jdbc:postgresql://elsewhere/db");
    p.setProperty("ballast.jdbc.replicas.r1.url", "postgresql://127.0.0.1/app");
    p.setProperty("ballast.jdbc.replicas.r2.url", "jdbc:nosuchdriver://127.0.0.1/app");
    p.setProperty("ballast.jdbc.fallback", "maybe");
    p.setProperty("ballast.jdbc.topology", "dynamic");
    p.setProperty("ballast.jdbc.read-your-writes.window", "0");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> RoutingDataSource.fromProperties(p));

    assertThat(e.problems())
        .containsExactly(
            "ballast.jdbc.hikari.jdbcUrl: jdbc:postgresql://elsewhere/db (expected: not set here:"
                + " use ballast.jdbc.primary.url or ballast.jdbc.replicas.<name>.url)",
            "ballast.jdbc.hikari.maximumPoolSize: ten (expected: an integer (HikariCP"
                + " maximumPoolSize))",
            "ballast.jdbc.primary.hikari.maximumPoolSize: 0 (expected: a value HikariCP accepts for"
                + " maximumPoolSize: maxPoolSize cannot be less than 1)",
            "ballast.jdbc.replicas.r1.url: postgresql://127.0.0.1/app (expected: a JDBC URL such as"
                + " jdbc:postgresql://host:5432/db)",
            "ballast.jdbc.replicas.r2.url: jdbc:nosuchdriver://127.0.0.1/app (expected: a JDBC URL"
                + " that a driver on the class path accepts)",
            "ballast.jdbc.fallback: maybe (expected: one of primary|fail)",
            "ballast.jdbc.read-your-writes.window: 0 (expected: a positive duration)",
            "ballast.jdbc.topology: dynamic (expected: one of static|auto)");
  }

  @Test
  void secretsAreMaskedEvenInMisspelledKeys() {
    Properties p = valid();
    p.setProperty("ballast.jdbc.pasword", "hunter2");
    p.setProperty("ballast.jdbc.hikari.password", "");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> RoutingDataSource.fromProperties(p));

    assertThat(e.problems())
        .containsExactly(
            "ballast.jdbc.pasword: **** (expected: a known key; did you mean"
                + " 'ballast.jdbc.password'?)");
    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret!");
  }

  @Test
  void validValuesReachTheRouterAndItsPools() throws Exception {
    Properties p = valid();
    p.setProperty("ballast.zone", "us-east-1a");
    p.setProperty("ballast.jdbc.replicas.r1.url", pg.primary().jdbcUrl());
    p.setProperty("ballast.jdbc.replicas.r1.zone", "us-east-1b");
    p.setProperty("ballast.jdbc.replica-strategy", "round-robin");
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "10");
    p.setProperty("ballast.jdbc.primary.hikari.maximumPoolSize", "20");
    p.setProperty("ballast.jdbc.read-your-writes", "window");
    p.setProperty("ballast.jdbc.read-your-writes.window", "PT5S");
    p.setProperty("ballast.jdbc.read-your-writes.max-wait", "250ms");
    p.setProperty("ballast.jdbc.health-check.interval", "2m");
    p.setProperty("ballast.jdbc.max-replica-lag", "PT0.5S");
    p.setProperty("ballast.jdbc.fallback", "fail");
    p.setProperty("ballast.jdbc.topology", "auto");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(p)) {
      RouterConfig config = ds.router().config();
      assertThat(config.localZone()).isEqualTo("us-east-1a");
      assertThat(config.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
      assertThat(config.readYourWrites()).isEqualTo(ReadYourWrites.WINDOW);
      assertThat(config.readYourWritesWindow()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.readYourWritesMaxWait()).isEqualTo(Duration.ofMillis(250));
      assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofMinutes(2));
      // not set: the interval, kept within 1 s..5 s
      assertThat(config.healthCheckTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.maxReplicaLag()).isEqualTo(Duration.ofMillis(500));
      assertThat(config.fallback()).isEqualTo(Fallback.FAIL);
      assertThat(config.topology()).isEqualTo(Topology.AUTO);
      HikariDataSource primary = (HikariDataSource) ds.dataSource("primary");
      HikariDataSource r1 = (HikariDataSource) ds.dataSource("r1");
      assertThat(primary.getMaximumPoolSize()).isEqualTo(20);
      assertThat(r1.getMaximumPoolSize()).isEqualTo(10);
      assertThat(primary.getPoolName()).isEqualTo("bad-db-primary");
      assertThat(ds.router().host("r1").zone()).isEqualTo("us-east-1b");
      assertThat(ds.describe())
          .contains("zone=us-east-1a", "replica-strategy=round-robin", "read-your-writes=window");
    }
  }

  @Test
  void theProbeTimeoutIsSetApartFromTheInterval() throws Exception {
    Properties p = valid();
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(p)) {
      assertThat(ds.router().config().healthCheckTimeout()).isEqualTo(Duration.ofSeconds(1));
    }
    p.setProperty("ballast.jdbc.health-check.timeout", "750ms");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(p)) {
      assertThat(ds.router().config().healthCheckTimeout()).isEqualTo(Duration.ofMillis(750));
      assertThat(ds.describe()).contains("health-check.timeout=750ms");
    }
    p.setProperty("ballast.jdbc.health-check.timeout", "0s");
    assertThatThrownBy(() -> RoutingDataSource.fromProperties(p))
        .isInstanceOf(ConfigException.class)
        .extracting(t -> ((ConfigException) t).problems())
        .asList()
        .containsExactly("ballast.jdbc.health-check.timeout: 0s (expected: a positive duration)");
  }

  @Test
  void aHostThatDoesNotAnswerAProbeWithinTheTimeoutIsNotEligibleAndGetsNoRead() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Set<String> askedBy = ConcurrentHashMap.newKeySet();
    // A replica whose every connection attempt hangs until the probe thread is interrupted.
    DataSource silent =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    askedBy.add(Thread.currentThread().getName());
                    never.await();
                    throw new SQLException("released");
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Set<String> readers = ConcurrentHashMap.newKeySet();
    try (RoutingDataSource ds =
        RoutingDataSource.builder()
            .name("bad-db-probe")
            .primary(pg.primary().dataSource())
            .replica("r1", silent, "a")
            .healthCheckInterval(Duration.ofHours(1))
            .healthCheckTimeout(Duration.ofMillis(300))
            .meterRegistry(registry)
            .build()) {
      // the first round runs in build(): it gave the silent replica 300 ms, not the 1 h interval
      assertThat(ds.describe()).contains("r1").contains("no answer within 300ms");
      assertThat(registry.get("ballast.jdbc.replica.eligible").gauge().value()).isZero();
      // reads fall back to the primary without ever asking r1 for a connection (which would hang
      // the reader until the preemptive timeout fails the test)
      for (int i = 0; i < 5; i++) {
        int port =
            assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                  readers.add(Thread.currentThread().getName());
                  try (Connection c = ds.forReads().getConnection()) {
                    return RouterTestSupport.serverPort(c);
                  }
                });
        assertThat(port).isEqualTo(pg.primary().port());
      }
      assertThat(readers).isNotEmpty().doesNotContainAnyElementsOf(askedBy);
    } finally {
      never.countDown();
    }
  }

  @Test
  void otherModulesKeysAreLeftToThem() throws Exception {
    Properties p = valid();
    p.setProperty("ballast.http.services.orders.endpoints", "http://127.0.0.1:1");
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(p)) {
      assertThat(ds.hostNames()).containsExactly("primary");
      assertThat(ds.describe()).doesNotContain("s3cret!");
    }
  }

  @Test
  void theBuilderValidatesToo() {
    assertThatThrownBy(
            () ->
                RoutingDataSource.builder()
                    .replica("r1", pg.primary().dataSource())
                    .replica("r1", pg.primary().dataSource())
                    .healthCheckInterval(Duration.ZERO)
                    .build())
        .isInstanceOf(ConfigException.class)
        .extracting(t -> ((ConfigException) t).problems())
        .asList()
        .containsExactly(
            "primary: (missing) (expected: the primary's DataSource)",
            "replica: 'r1' (expected: a unique, non-blank host name)",
            "healthCheckInterval: 0s (expected: a positive duration)");
  }

  private static Set<String> routerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.contains("bad-db") || n.startsWith("HikariPool"))
        .collect(Collectors.toSet());
  }

  private static long clientBackends(PgNode node) throws Exception {
    return queryLong(
        node,
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
            + " AND application_name = 'bad-db'");
  }
}
