package dev.ballast.lb;

import static dev.ballast.lb.ConfigReaderTest.props;
import static dev.ballast.lb.ConfigReaderTest.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LbPropertiesTest {
  private static final String ORDERS = "ballast.http.services.orders.";
  private static final String DEFAULTS = "ballast.http.defaults.";

  private static Optional<LbConfig> bind(ConfigReader r, String service) {
    ConfigReader.Scope scope = r.scope("ballast.http.services." + service + ".", DEFAULTS);
    return LbProperties.build(scope, LbProperties.apply(scope, LbConfig.builder()));
  }

  @Test
  void bindsEverySharedKeyPreferringTheServiceOverTheDefaults() {
    ConfigReader r =
        reader(
            DEFAULTS + "strategy=round-robin",
            DEFAULTS + "health-check.interval=10s",
            ORDERS + "strategy=peak-ewma",
            ORDERS + "zone-aware.enabled=false",
            ORDERS + "zone-aware.overprovisioning-factor=1.2",
            ORDERS + "zone-aware.caller-shares=a=40,b=40,c=20",
            ORDERS + "panic-threshold=30",
            ORDERS + "slow-start.window=30s",
            ORDERS + "slow-start.aggression=2.5",
            ORDERS + "health-check.timeout=500ms",
            ORDERS + "health-check.jitter=0.2",
            ORDERS + "health-check.healthy-threshold=3",
            ORDERS + "health-check.unhealthy-threshold=4",
            ORDERS + "outlier.consecutive-failures=7",
            ORDERS + "outlier.base-ejection-time=PT10S",
            ORDERS + "outlier.max-ejection-time=2m",
            ORDERS + "outlier.max-ejection-percent=25",
            ORDERS + "peak-ewma.decay=5s",
            ORDERS + "peak-ewma.penalty=250ms",
            "ballast.http.services.billing.panic-threshold=60");

    LbConfig orders = bind(r, "orders").orElseThrow();
    LbConfig billing = bind(r, "billing").orElseThrow();
    r.checkUnknownKeys();
    r.throwIfProblems();

    assertThat(orders.strategy()).isEqualTo(Strategy.PEAK_EWMA);
    assertThat(orders.zoneAware()).isFalse();
    assertThat(orders.overprovisioningFactor()).isEqualTo(1.2);
    assertThat(orders.callerShares())
        .containsExactly(entry("a", 40.0), entry("b", 40.0), entry("c", 20.0));
    assertThat(orders.panicThresholdPercent()).isEqualTo(30);
    assertThat(orders.slowStartWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(orders.slowStartAggression()).isEqualTo(2.5);
    assertThat(orders.healthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(orders.healthCheckTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(orders.healthCheckJitter()).isEqualTo(0.2);
    assertThat(orders.healthyThreshold()).isEqualTo(3);
    assertThat(orders.unhealthyThreshold()).isEqualTo(4);
    assertThat(orders.outlierConsecutiveFailures()).isEqualTo(7);
    assertThat(orders.outlierBaseEjectionTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(orders.outlierMaxEjectionTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(orders.outlierMaxEjectionPercent()).isEqualTo(25);
    assertThat(orders.peakEwmaDecay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(orders.peakEwmaPenalty()).isEqualTo(Duration.ofMillis(250));

    assertThat(billing.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
    assertThat(billing.healthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(billing.panicThresholdPercent()).isEqualTo(60);
    assertThat(billing.callerShares()).isEmpty();
  }

  @Test
  void unsetKeysKeepTheBuildersValues() {
    ConfigReader r = reader("ballast.jdbc.panic-threshold=10");
    ConfigReader.Scope jdbc = r.scope("ballast.jdbc.");
    LbConfig.Builder preset =
        LbConfig.builder().strategy(Strategy.RANDOM).healthCheckInterval(Duration.ofSeconds(1));

    LbConfig config = LbProperties.build(jdbc, LbProperties.apply(jdbc, preset)).orElseThrow();

    assertThat(config.strategy()).isEqualTo(Strategy.RANDOM);
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.panicThresholdPercent()).isEqualTo(10);
    assertThat(config.outlierBaseEjectionTime())
        .isEqualTo(LbConfig.defaults().outlierBaseEjectionTime());
  }

  @Test
  void badStrategyListsTheKnownNames() {
    ConfigReader r = reader(ORDERS + "strategy=fastest");

    assertThat(bind(r, "orders")).isPresent();

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.strategy: fastest (expected: one of"
                + " round-robin|weighted-round-robin|random|least-request|peak-ewma|ring-hash)");
  }

  @Test
  void negativeDurationIsRejectedWithKeyValueAndExpectation() {
    ConfigReader r = reader(DEFAULTS + "outlier.base-ejection-time=-30s");

    bind(r, "orders");

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.defaults.outlier.base-ejection-time: -30s (expected: a non-negative duration"
                + " such as 250ms, 5s, 2m or PT5S)");
  }

  @Test
  void rangeProblemsFoundByTheBuilderCarryFullKeysAndTheValuesAsWritten() {
    ConfigReader r =
        reader(
            ORDERS + "panic-threshold=150",
            ORDERS + "zone-aware.overprovisioning-factor=0.5",
            DEFAULTS + "health-check.jitter=2",
            ORDERS + "health-check.interval=0ms",
            ORDERS + "outlier.base-ejection-time=10m");

    assertThat(bind(r, "orders")).isEmpty();

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.zone-aware.overprovisioning-factor: 0.5 (expected: a number"
                + " >= 1.0)",
            "ballast.http.services.orders.panic-threshold: 150 (expected: a percentage 0..100)",
            "ballast.http.services.orders.outlier.max-ejection-time: 5m (expected: a duration >="
                + " outlier.base-ejection-time)",
            "ballast.http.services.orders.health-check.interval: 0ms (expected: a positive duration)",
            "ballast.http.defaults.health-check.jitter: 2 (expected: a fraction 0..1)");
  }

  @Test
  void malformedNumbersAreReportedByTheReaderAndLeaveDefaults() {
    ConfigReader r =
        reader(
            ORDERS + "panic-threshold=half",
            ORDERS + "slow-start.aggression=fast",
            ORDERS + "zone-aware.enabled=1");

    LbConfig config = bind(r, "orders").orElseThrow();

    assertThat(config.panicThresholdPercent())
        .isEqualTo(LbConfig.defaults().panicThresholdPercent());
    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.zone-aware.enabled: 1 (expected: true or false)",
            "ballast.http.services.orders.panic-threshold: half (expected: an integer)",
            "ballast.http.services.orders.slow-start.aggression: fast (expected: a number)");
  }

  @Test
  void badCallerSharesAreReportedWithTheirForm() {
    ConfigReader r = reader(ORDERS + "zone-aware.caller-shares=a=40,b=-10");

    bind(r, "orders");

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.zone-aware.caller-shares: a=40,b=-10 (expected:"
                + " comma-separated zone=share pairs with non-negative numbers, each zone once, such"
                + " as a=40,b=40,c=20)");
  }

  @Test
  void misspelledSharedKeySuggestsTheServiceKey() {
    ConfigReader r = reader(ORDERS + "outlier.consecutive-failure=3");

    bind(r, "orders");
    r.checkUnknownKeys();

    assertThatThrownBy(r::throwIfProblems)
        .hasMessage(
            "Invalid Ballast configuration: ballast.http.services.orders.outlier.consecutive-failure:"
                + " 3 (expected: a known key; did you mean"
                + " 'ballast.http.services.orders.outlier.consecutive-failures'?)");
  }

  @Test
  void localZoneComesFromThePropertyThenTheEnvironmentThenNowhere() {
    Map<String, String> env = Map.of("BALLAST_ZONE", "us-east-1b");

    assertThat(LbProperties.localZone(new ConfigReader(props("ballast.zone=us-east-1a"), env::get)))
        .isEqualTo("us-east-1a");
    assertThat(LbProperties.localZone(new ConfigReader(props(), env::get))).isEqualTo("us-east-1b");
    assertThat(LbProperties.localZone(new ConfigReader(props(), name -> null))).isEmpty();
  }

  @Test
  void zonePropertyIsAKnownKeyOnceRead() {
    ConfigReader r = reader("ballast.zone=a", "ballast.zones=b");

    LbProperties.localZone(r);
    r.checkUnknownKeys();

    assertThat(r.problems())
        .containsExactly("ballast.zones: b (expected: a known key; did you mean 'ballast.zone'?)");
  }
}
