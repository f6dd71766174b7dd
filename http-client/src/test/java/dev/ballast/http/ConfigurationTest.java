package dev.ballast.http;

import static dev.ballast.http.TestSupport.clientThreads;
import static dev.ballast.http.TestSupport.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.http.internal.ServiceDefinition;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration fails in fromProperties, all problems at once, before any thread starts. */
class ConfigurationTest {
  private static final String S = "ballast.http.services.orders.";

  private static ConfigException failure(Properties p) {
    // Threads of clients closed by earlier tests may still be ending: only new ones count. Their
    // names carry a fresh pool number per client, so a new client's threads cannot hide here.
    Set<String> before = clientThreads();
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> BallastHttpClient.fromProperties(p));
    assertThat(e).as("ConfigException").isNotNull();
    assertThat(clientThreads()).as("threads started by a failed configuration").isSubsetOf(before);
    return e;
  }

  @Test
  void reportsEveryKindOfProblemWithKeyValueAndExpectation() {
    ConfigException e =
        failure(
            props(
                S + "endpoints", "http://127.0.0.1:8080;zone=a, htp//nowhere",
                S + "strategy", "fastest",
                S + "connect-timeout", "-5s",
                S + "retry.max-atempts", "5",
                S + "request-timeout", "0s",
                S + "max-response-size", "ten megs"));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            S
                + "endpoints: htp//nowhere (expected: an endpoint URL http://host[:port] or"
                + " https://host[:port], no path, then ;zone=<zone> and ;weight=<integer >= 1> if"
                + " wanted)",
            S
                + "strategy: fastest (expected: one of"
                + " round-robin|weighted-round-robin|random|least-request|peak-ewma|ring-hash)",
            S
                + "connect-timeout: -5s (expected: a non-negative duration such as 250ms, 5s, 2m or"
                + " PT5S)",
            S
                + "retry.max-atempts: 5 (expected: a known key; did you mean '"
                + S
                + "retry.max-attempts'?)",
            S + "request-timeout: 0s (expected: a positive duration)",
            S
                + "max-response-size: ten megs (expected: a size such as 512KB, 10MB or 1048576"
                + " (bytes), at most 2047MB)");
    assertThat(e).hasMessageStartingWith("Invalid Ballast configuration (6 problems):\n  ");
  }

  @Test
  void reportsRangeProblemsOfHttpAndBalancerKeysUnderTheirFullKeys() {
    ConfigException e =
        failure(
            props(
                S + "endpoints",
                "http://127.0.0.1:8080;weight=0",
                "ballast.http.defaults.retry.max-attempts",
                "0",
                "ballast.http.defaults.panic-threshold",
                "150",
                S + "health-check.path",
                "health",
                S + "outlier.max-ejection-percent",
                "x"));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            S
                + "endpoints: http://127.0.0.1:8080;weight=0 (expected: an endpoint URL"
                + " http://host[:port] or https://host[:port], no path, then ;zone=<zone> and"
                + " ;weight=<integer >= 1> if wanted)",
            "ballast.http.defaults.retry.max-attempts: 0 (expected: an integer 1..10)",
            "ballast.http.defaults.panic-threshold: 150 (expected: a percentage 0..100)",
            S + "health-check.path: health (expected: a path starting with '/', no spaces)",
            S + "outlier.max-ejection-percent: x (expected: an integer)");
  }

  @Test
  void reportsBulkheadAndCircuitBreakerProblemsWithDidYouMean() {
    ConfigException e =
        failure(
            props(
                S + "endpoints",
                "http://127.0.0.1:8080",
                S + "bulkhead.max-concurent-calls",
                "8",
                "ballast.http.defaults.bulkhead.max-wait",
                "-1s",
                S + "circuit-breaker.failure-rate-threshold",
                "150",
                S + "circuit-breaker.sliding-window",
                "0",
                "ballast.http.defaults.circuit-breaker.minimum-calls",
                "many",
                S + "circuit-breaker.wait-in-open",
                "0s",
                S + "circuit-breaker.wait-in-opn",
                "5s"));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            S
                + "bulkhead.max-concurent-calls: 8 (expected: a known key; did you mean '"
                + S
                + "bulkhead.max-concurrent-calls'?)",
            "ballast.http.defaults.bulkhead.max-wait: -1s (expected: a non-negative duration such"
                + " as 250ms, 5s, 2m or PT5S)",
            S
                + "circuit-breaker.failure-rate-threshold: 150 (expected: a percentage 1..100, or 0"
                + " for no circuit breaker)",
            S + "circuit-breaker.sliding-window: 0 (expected: an integer 1..100000 (calls))",
            "ballast.http.defaults.circuit-breaker.minimum-calls: many (expected: an integer)",
            S + "circuit-breaker.wait-in-open: 0s (expected: a positive duration)",
            S
                + "circuit-breaker.wait-in-opn: 5s (expected: a known key; did you mean '"
                + S
                + "circuit-breaker.wait-in-open'?)");
  }

  @Test
  void requiresEndpointsAndAtLeastOneService() {
    assertThat(failure(props(S + "strategy", "random")).problems())
        .containsExactly(
            S
                + "endpoints: (missing) (expected: a comma-separated list of"
                + " http(s)://host[:port][;zone=<zone>][;weight=<integer >= 1>])");
    assertThat(failure(props("ballast.zone", "a")).problems())
        .containsExactly(
            "ballast.http.services.<name>.endpoints: (missing) (expected: at least one service,"
                + " e.g. ballast.http.services.orders.endpoints=http://host:8080)");
    assertThat(
            failure(props(S + "endpoints", "http://a:1, http://a:1", "ballast.htp.x", "1"))
                .problems())
        .containsExactly(
            S + "endpoints: http://a:1 (expected: each endpoint once (a:1 is listed twice))",
            "ballast.htp.x: 1 (expected: a known key)");
  }

  @Test
  void reportsATrustCertificatesFileThatIsMissingOrNotPem(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pem");
    Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
    ConfigException e =
        failure(
            props(
                S + "endpoints",
                "https://127.0.0.1:8443",
                S + "tls.trust-certificates",
                missing.toString(),
                "ballast.http.services.billing.endpoints",
                "https://127.0.0.1:8444",
                "ballast.http.services.billing.tls.trust-certificates",
                notPem.toString()));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            S
                + "tls.trust-certificates: "
                + missing
                + " (expected: a readable PEM file of one or more X.509 certificates)",
            "ballast.http.services.billing.tls.trust-certificates: "
                + notPem
                + " (expected: a readable PEM file of one or more X.509 certificates)");
  }

  @Test
  void bindsEveryKeyWithDefaultsAndServiceOverrides() throws Exception {
    Properties p =
        props(
            "ballast.zone",
            "a",
            "ballast.jdbc.name",
            "ignored-by-http",
            "ballast.http.event-loop-threads",
            "1",
            "ballast.http.defaults.request-timeout",
            "2s",
            "ballast.http.defaults.strategy",
            "round-robin",
            S + "endpoints",
            "http://10.0.1.5:8080;zone=us-east-1a, https://orders-2;weight=2;zone=b,"
                + " http://[::1]:9000",
            S + "strategy",
            "peak-ewma",
            S + "connect-timeout",
            "250ms",
            S + "call-timeout",
            "PT30S",
            S + "max-connections-per-endpoint",
            "8",
            S + "max-pending-acquires",
            "16",
            S + "max-response-size",
            "1MB",
            S + "retry.max-attempts",
            "2",
            S + "retry.backoff",
            "10ms",
            S + "retry.budget-percent",
            "30",
            S + "hedge.delay",
            "50ms",
            S + "hedge.budget-percent",
            "5",
            S + "health-check.path",
            "/ready",
            S + "health-check.interval",
            "1s",
            S + "zone-aware.caller-shares",
            "a=40,b=60",
            S + "slow-start.window",
            "30s",
            "ballast.http.services.billing.endpoints",
            "http://127.0.0.1:1");
    BallastHttpClient.Builder b = BallastHttpClient.builder(p, name -> null);
    // Inspected without starting a client: its health checks would call 10.0.1.5, and test
    // traffic stays on loopback.
    ServiceDefinition orders = b.definition("orders");
    ServiceDefinition billing = b.definition("billing");
    assertThat(orders).isNotNull();
    assertThat(billing).isNotNull();
    LbConfig lb = orders.config().lb();
    assertThat(lb.strategy()).isEqualTo(Strategy.PEAK_EWMA);
    assertThat(lb.localZone()).isEqualTo("a");
    assertThat(lb.callerShares()).isEqualTo(Map.of("a", 40.0, "b", 60.0));
    assertThat(lb.slowStartWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(lb.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(orders.config().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(orders.config().healthCheckPath()).contains("/ready");
    List<Endpoint> endpoints = new ArrayList<>();
    try (AutoCloseable sub = orders.source().subscribe(set -> endpoints.addAll(set.endpoints()))) {
      assertThat(endpoints)
          .extracting(Endpoint::id)
          .containsExactly("10.0.1.5:8080", "orders-2:443", "::1:9000");
    }
    assertThat(endpoints.get(1).metadata()).containsEntry("scheme", "https");
    assertThat(endpoints.get(1).weight()).isEqualTo(2);
    assertThat(endpoints.get(1).zone()).isEqualTo("b");
    assertThat(billing.config().lb().strategy()).isEqualTo(Strategy.ROUND_ROBIN);
  }

  @Test
  void reportsBadShutdownDrainAndIdleTimeoutsUnderTheirKeys() {
    assertThat(
            failure(
                    props(
                        S + "endpoints",
                        "http://127.0.0.1:1",
                        "ballast.http.shutdown-drain-timeout",
                        "soon",
                        "ballast.http.defaults.idle-timeout",
                        "0s",
                        "ballast.http.defaults.non-idempotent-max-idle",
                        "-1s",
                        "ballast.http.shutdown-drain-timout",
                        "1s"))
                .problems())
        .containsExactlyInAnyOrder(
            "ballast.http.shutdown-drain-timeout: soon (expected: a non-negative duration such as"
                + " 250ms, 5s, 2m or PT5S)",
            "ballast.http.defaults.idle-timeout: 0s (expected: a positive duration)",
            "ballast.http.defaults.non-idempotent-max-idle: -1s (expected: a non-negative"
                + " duration such as 250ms, 5s, 2m or PT5S)",
            "ballast.http.shutdown-drain-timout: 1s (expected: a known key; did you mean"
                + " 'ballast.http.shutdown-drain-timeout'?)");
  }

  @Test
  void zoneComesFromTheEnvironmentWhenNotSet() throws Exception {
    BallastHttpClient.Builder b =
        BallastHttpClient.builder(
            props(S + "endpoints", "http://127.0.0.1:1"),
            name -> name.equals("BALLAST_ZONE") ? "z9" : null);
    try (BallastHttpClient client = b.build()) {
      assertThat(client.loadBalancer("orders").config().localZone()).isEqualTo("z9");
    }
  }
}
