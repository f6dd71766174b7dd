package dev.ballast.http;

import static dev.ballast.http.TestSupport.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.internal.ServiceDefinition;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every per-service key of DESIGN §5 (and the client's own extras) lands in the bound {@link
 * HttpServiceConfig} and its {@link LbConfig}: from {@code ballast.http.defaults.} for every
 * service, overridden by {@code ballast.http.services.<name>.}, and the documented default when
 * neither is set. Nothing is started: the bound builder is inspected directly.
 */
class PropertiesBindingTest {
  private static final String D = "ballast.http.defaults.";
  private static final String O = "ballast.http.services.orders.";

  /** Key, value under defaults, value under services.orders (both valid, both non-default). */
  private static final String[][] KEYS = {
    {"strategy", "least-request", "peak-ewma"},
    {"connect-timeout", "2s", "250ms"},
    {"request-timeout", "3s", "4s"},
    {"call-timeout", "20s", "PT30S"},
    {"max-connections-per-endpoint", "8", "9"},
    {"max-pending-acquires", "16", "17"},
    {"idle-timeout", "20s", "25s"},
    {"non-idempotent-max-idle", "500ms", "0s"},
    {"max-response-size", "1MB", "512KB"},
    {"retry.max-attempts", "2", "4"},
    {"retry.backoff", "10ms", "40ms"},
    {"retry.budget-percent", "30", "0"},
    {"hedge.delay", "50ms", "75ms"},
    {"hedge.budget-percent", "5", "0"},
    {"health-check.path", "/ready", "/live"},
    {"health-check.interval", "2s", "3s"},
    {"health-check.timeout", "500ms", "700ms"},
    {"health-check.jitter", "0.2", "0.3"},
    {"health-check.healthy-threshold", "3", "4"},
    {"health-check.unhealthy-threshold", "5", "6"},
    {"outlier.consecutive-failures", "7", "3"},
    {"outlier.base-ejection-time", "10s", "20s"},
    {"outlier.max-ejection-time", "100s", "200s"},
    {"outlier.max-ejection-percent", "30", "100"},
    {"zone-aware.enabled", "false", "true"},
    {"zone-aware.overprovisioning-factor", "1.2", "1.6"},
    {"zone-aware.caller-shares", "a=50,b=50", "a=40,b=60"},
    {"panic-threshold", "40", "0"},
    {"slow-start.window", "10s", "30s"},
    {"slow-start.aggression", "2.0", "1.5"},
    {"peak-ewma.decay", "5s", "7s"},
    {"peak-ewma.penalty", "2s", "3s"},
    {"tls.insecure-trust-all", "true", "false"},
    {"bulkhead.max-concurrent-calls", "8", "16"},
    {"bulkhead.max-wait", "5ms", "10ms"},
    {"circuit-breaker.failure-rate-threshold", "60", "40"},
    {"circuit-breaker.sliding-window", "50", "30"},
    {"circuit-breaker.minimum-calls", "10", "15"},
    {"circuit-breaker.wait-in-open", "20s", "5s"},
  };

  private static HttpServiceConfig bound(Properties p, String service) {
    ServiceDefinition d = BallastHttpClient.builder(p, name -> null).definition(service);
    assertThat(d).as("service %s bound", service).isNotNull();
    return d.config();
  }

  private static Properties all() {
    List<String> kv = new ArrayList<>();
    kv.addAll(List.of("ballast.zone", "a"));
    kv.addAll(List.of(O + "endpoints", "http://127.0.0.1:1;zone=a"));
    kv.addAll(List.of("ballast.http.services.billing.endpoints", "http://127.0.0.1:2;zone=b"));
    for (String[] k : KEYS) {
      kv.addAll(List.of(D + k[0], k[1], O + k[0], k[2]));
    }
    return props(kv.toArray(String[]::new));
  }

  @Test
  void serviceKeysOverrideTheDefaults() {
    HttpServiceConfig c = bound(all(), "orders");
    LbConfig lb = c.lb();
    assertThat(lb.strategy()).isEqualTo(Strategy.PEAK_EWMA);
    assertThat(lb.localZone()).isEqualTo("a");
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.callTimeout()).contains(Duration.ofSeconds(30));
    assertThat(c.maxConnectionsPerEndpoint()).isEqualTo(9);
    assertThat(c.maxPendingAcquires()).isEqualTo(17);
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(c.nonIdempotentMaxIdle()).isZero();
    assertThat(c.maxResponseSize()).isEqualTo(512 * 1024);
    assertThat(c.retryMaxAttempts()).isEqualTo(4);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(40));
    assertThat(c.retryBudgetPercent()).isZero();
    assertThat(c.hedgeDelay()).contains(Duration.ofMillis(75));
    assertThat(c.hedgeBudgetPercent()).isZero();
    assertThat(c.healthCheckPath()).contains("/live");
    assertThat(lb.healthCheckInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(lb.healthCheckTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(lb.healthCheckJitter()).isEqualTo(0.3);
    assertThat(lb.healthyThreshold()).isEqualTo(4);
    assertThat(lb.unhealthyThreshold()).isEqualTo(6);
    assertThat(lb.outlierConsecutiveFailures()).isEqualTo(3);
    assertThat(lb.outlierBaseEjectionTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(lb.outlierMaxEjectionTime()).isEqualTo(Duration.ofSeconds(200));
    assertThat(lb.outlierMaxEjectionPercent()).isEqualTo(100);
    assertThat(lb.zoneAware()).isTrue();
    assertThat(lb.overprovisioningFactor()).isEqualTo(1.6);
    assertThat(lb.callerShares()).isEqualTo(Map.of("a", 40.0, "b", 60.0));
    assertThat(lb.panicThresholdPercent()).isZero();
    assertThat(lb.slowStartWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(lb.slowStartAggression()).isEqualTo(1.5);
    assertThat(lb.peakEwmaDecay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(lb.peakEwmaPenalty()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.tlsInsecureTrustAll()).isFalse();
    assertThat(c.bulkheadMaxConcurrentCalls()).hasValue(16);
    assertThat(c.bulkheadMaxWait()).isEqualTo(Duration.ofMillis(10));
    assertThat(c.circuitBreakerFailureRateThreshold()).hasValue(40);
    assertThat(c.circuitBreakerSlidingWindow()).isEqualTo(30);
    assertThat(c.circuitBreakerMinimumCalls()).isEqualTo(15);
    assertThat(c.circuitBreakerWaitInOpen()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void defaultsApplyToEveryServiceThatSetsNothing() {
    HttpServiceConfig c = bound(all(), "billing");
    LbConfig lb = c.lb();
    assertThat(lb.strategy()).isEqualTo(Strategy.LEAST_REQUEST);
    assertThat(lb.localZone()).isEqualTo("a");
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.callTimeout()).contains(Duration.ofSeconds(20));
    assertThat(c.maxConnectionsPerEndpoint()).isEqualTo(8);
    assertThat(c.maxPendingAcquires()).isEqualTo(16);
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.nonIdempotentMaxIdle()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.maxResponseSize()).isEqualTo(1024 * 1024);
    assertThat(c.retryMaxAttempts()).isEqualTo(2);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(10));
    assertThat(c.retryBudgetPercent()).isEqualTo(30);
    assertThat(c.hedgeDelay()).contains(Duration.ofMillis(50));
    assertThat(c.hedgeBudgetPercent()).isEqualTo(5);
    assertThat(c.healthCheckPath()).contains("/ready");
    assertThat(lb.healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(lb.healthCheckTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(lb.healthCheckJitter()).isEqualTo(0.2);
    assertThat(lb.healthyThreshold()).isEqualTo(3);
    assertThat(lb.unhealthyThreshold()).isEqualTo(5);
    assertThat(lb.outlierConsecutiveFailures()).isEqualTo(7);
    assertThat(lb.outlierBaseEjectionTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(lb.outlierMaxEjectionTime()).isEqualTo(Duration.ofSeconds(100));
    assertThat(lb.outlierMaxEjectionPercent()).isEqualTo(30);
    assertThat(lb.zoneAware()).isFalse();
    assertThat(lb.overprovisioningFactor()).isEqualTo(1.2);
    assertThat(lb.callerShares()).isEqualTo(Map.of("a", 50.0, "b", 50.0));
    assertThat(lb.panicThresholdPercent()).isEqualTo(40);
    assertThat(lb.slowStartWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(lb.slowStartAggression()).isEqualTo(2.0);
    assertThat(lb.peakEwmaDecay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(lb.peakEwmaPenalty()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.tlsInsecureTrustAll()).isTrue();
    assertThat(c.bulkheadMaxConcurrentCalls()).hasValue(8);
    assertThat(c.bulkheadMaxWait()).isEqualTo(Duration.ofMillis(5));
    assertThat(c.circuitBreakerFailureRateThreshold()).hasValue(60);
    assertThat(c.circuitBreakerSlidingWindow()).isEqualTo(50);
    assertThat(c.circuitBreakerMinimumCalls()).isEqualTo(10);
    assertThat(c.circuitBreakerWaitInOpen()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void unsetKeysKeepTheDocumentedDefaults() {
    HttpServiceConfig c = bound(props(O + "endpoints", "http://127.0.0.1:1"), "orders");
    // HttpServiceConfig's documented defaults, spelled out rather than compared with defaults().
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.callTimeout()).isEmpty();
    assertThat(c.maxConnectionsPerEndpoint()).isEqualTo(64);
    assertThat(c.maxPendingAcquires()).isEqualTo(1024);
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.nonIdempotentMaxIdle()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.maxResponseSize()).isEqualTo(10 * 1024 * 1024);
    assertThat(c.retryMaxAttempts()).isEqualTo(3);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(25));
    assertThat(c.retryBudgetPercent()).isEqualTo(20);
    assertThat(c.hedgeDelay()).isEmpty();
    assertThat(c.hedgeBudgetPercent()).isEqualTo(10);
    assertThat(c.healthCheckPath()).isEmpty();
    assertThat(c.tlsInsecureTrustAll()).isFalse();
    assertThat(c.bulkheadMaxConcurrentCalls()).isEmpty();
    assertThat(c.bulkheadMaxWait()).isEqualTo(Duration.ZERO);
    assertThat(c.circuitBreakerFailureRateThreshold()).isEmpty();
    assertThat(c.circuitBreakerSlidingWindow()).isEqualTo(100);
    assertThat(c.circuitBreakerMinimumCalls()).isEqualTo(20);
    assertThat(c.circuitBreakerWaitInOpen()).isEqualTo(Duration.ofSeconds(10));
    // lb-core's own defaults, with no zone set anywhere.
    assertThat(c.lb()).usingRecursiveComparison().isEqualTo(LbConfig.defaults());
  }
}
