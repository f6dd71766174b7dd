package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private static final String DURATION =
      "(expected: a non-negative duration such as 250ms, 5s, 2m or PT5S)";

  static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (String kv : keyValues) {
      int eq = kv.indexOf('=');
      p.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return p;
  }

  static ConfigReader reader(String... keyValues) {
    return new ConfigReader(props(keyValues), name -> null);
  }

  @Test
  void readsTypedValuesTrimmedAndFallsBackToDefaultsWhenAbsent() {
    ConfigReader r =
        reader(
            "ballast.jdbc.name=  app-db  ",
            "ballast.jdbc.max-replica-lag=5s",
            "ballast.jdbc.pool=12",
            "ballast.jdbc.factor=1.4",
            "ballast.jdbc.enabled=TRUE",
            "ballast.jdbc.fallback=fail");

    assertThat(r.string("ballast.jdbc.name", "x")).isEqualTo("app-db");
    assertThat(r.string("ballast.jdbc.absent", "dflt")).isEqualTo("dflt");
    assertThat(r.optionalString("ballast.jdbc.absent")).isEmpty();
    assertThat(r.duration("ballast.jdbc.max-replica-lag", Duration.ZERO)).hasSeconds(5);
    assertThat(r.duration("ballast.jdbc.health-check.interval", Duration.ofSeconds(1)))
        .hasSeconds(1);
    assertThat(r.integer("ballast.jdbc.pool", 1, 1, 100)).isEqualTo(12);
    assertThat(r.decimal("ballast.jdbc.factor", 1.0, 1.0, Double.POSITIVE_INFINITY)).isEqualTo(1.4);
    assertThat(r.bool("ballast.jdbc.enabled", false)).isTrue();
    assertThat(r.bool("ballast.jdbc.other", true)).isTrue();
    assertThat(r.choice("ballast.jdbc.fallback", "primary", v -> v, "primary|fail"))
        .isEqualTo("fail");
    assertThat(r.problems()).isEmpty();
    r.checkUnknownKeys();
    r.throwIfProblems();
  }

  @Test
  void requiredKeyMissingOrEmptyIsAProblemNamingWhatWasExpected() {
    ConfigReader r = reader("ballast.jdbc.replicas.r1.url=");

    assertThat(r.required("ballast.jdbc.primary.url", "a JDBC URL")).isEmpty();
    r.required("ballast.jdbc.replicas.r1.url", "a JDBC URL");
    r.string("ballast.jdbc.replicas.r1.zone", "");

    assertThat(r.problems())
        .containsExactly(
            "ballast.jdbc.primary.url: (missing) (expected: a JDBC URL)",
            "ballast.jdbc.replicas.r1.url: (empty) (expected: a JDBC URL)");
  }

  @Test
  void emptyValueIsAProblemForEveryTypedGetter() {
    ConfigReader r = reader("ballast.a=", "ballast.b= ", "ballast.c=", "ballast.d=");

    assertThat(r.string("ballast.a", "keep")).isEqualTo("keep");
    assertThat(r.duration("ballast.b", Duration.ofSeconds(3))).hasSeconds(3);
    r.integer("ballast.c", 1, 0, 9);
    r.bool("ballast.d", true);

    assertThat(r.problems())
        .containsExactly(
            "ballast.a: (empty) (expected: a non-empty value)",
            "ballast.b: (empty) " + DURATION,
            "ballast.c: (empty) (expected: an integer 0..9)",
            "ballast.d: (empty) (expected: true or false)");
  }

  @Test
  void malformedValuesYieldTheDefaultAndAProblemEach() {
    ConfigReader r =
        reader(
            "ballast.http.services.orders.slow-start.window=-5s",
            "ballast.http.services.orders.request-timeout=10 seconds",
            "ballast.http.services.orders.retry.max-attempts=0",
            "ballast.http.services.orders.retry.budget-percent=12%",
            "ballast.http.services.orders.zone-aware.overprovisioning-factor=0.5",
            "ballast.http.services.orders.zone-aware.enabled=yes",
            "ballast.jdbc.fallback=replica");
    ConfigReader.Scope s = r.scope("ballast.http.services.orders.");

    assertThat(s.duration("slow-start.window", Duration.ZERO)).isZero();
    s.duration("request-timeout", Duration.ofSeconds(10));
    assertThat(s.integer("retry.max-attempts", 3, 1, 10)).isEqualTo(3);
    s.integer("retry.budget-percent", 20, 0, Integer.MAX_VALUE);
    s.decimal("zone-aware.overprovisioning-factor", 1.4, 1.0, Double.POSITIVE_INFINITY);
    s.bool("zone-aware.enabled", true);
    r.choice(
        "ballast.jdbc.fallback",
        "primary",
        v -> {
          if (!v.equals("primary") && !v.equals("fail")) {
            throw new IllegalArgumentException(v);
          }
          return v;
        },
        "primary|fail");

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.slow-start.window: -5s " + DURATION,
            "ballast.http.services.orders.request-timeout: 10 seconds " + DURATION,
            "ballast.http.services.orders.retry.max-attempts: 0 (expected: an integer 1..10)",
            "ballast.http.services.orders.retry.budget-percent: 12% (expected: an integer >= 0)",
            "ballast.http.services.orders.zone-aware.overprovisioning-factor: 0.5 (expected: a number"
                + " >= 1)",
            "ballast.http.services.orders.zone-aware.enabled: yes (expected: true or false)",
            "ballast.jdbc.fallback: replica (expected: primary|fail)");
  }

  @Test
  void numbersRefuseNonFiniteAndOutOfRangeForms() {
    ConfigReader r =
        reader(
            "ballast.a=NaN",
            "ballast.b=Infinity",
            "ballast.c=0x10",
            "ballast.d=99999999999",
            "ballast.e=-3");

    r.decimal("ballast.a", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    r.decimal("ballast.b", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    r.integer("ballast.c", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    r.integer("ballast.d", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(r.integer("ballast.e", 0, Integer.MIN_VALUE, 5)).isEqualTo(-3);
    r.decimal("ballast.e", 0, 0.5, 2.25);

    assertThat(r.problems())
        .containsExactly(
            "ballast.a: NaN (expected: a number)",
            "ballast.b: Infinity (expected: a number)",
            "ballast.c: 0x10 (expected: an integer)",
            "ballast.d: 99999999999 (expected: an integer)",
            "ballast.e: -3 (expected: a number 0.5..2.25)");
  }

  @Test
  void perServiceKeysFallBackToDefaults() {
    ConfigReader r =
        reader(
            "ballast.http.defaults.strategy=round-robin",
            "ballast.http.defaults.connect-timeout=2s",
            "ballast.http.services.orders.strategy=peak-ewma",
            "ballast.http.services.billing.endpoints=http://127.0.0.1:1");

    ConfigReader.Scope orders = r.scope("ballast.http.services.orders.", "ballast.http.defaults.");
    ConfigReader.Scope billing =
        r.scope("ballast.http.services.billing.", "ballast.http.defaults.");

    assertThat(orders.string("strategy", "least-request")).isEqualTo("peak-ewma");
    assertThat(billing.string("strategy", "least-request")).isEqualTo("round-robin");
    assertThat(orders.duration("connect-timeout", Duration.ofSeconds(1))).hasSeconds(2);
    assertThat(orders.duration("request-timeout", Duration.ofSeconds(10))).hasSeconds(10);
    assertThat(billing.required("endpoints", "endpoint URLs")).isEqualTo("http://127.0.0.1:1");
    assertThat(orders.keyFor("strategy")).isEqualTo("ballast.http.services.orders.strategy");
    assertThat(billing.keyFor("strategy")).isEqualTo("ballast.http.defaults.strategy");
    assertThat(billing.keyFor("request-timeout"))
        .isEqualTo("ballast.http.services.billing.request-timeout");
    assertThat(orders.fallbackPrefix()).contains("ballast.http.defaults.");
    r.checkUnknownKeys();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void problemsNameTheKeyActuallyFoundOrThePrimaryKeyWhenAbsent() {
    ConfigReader r = reader("ballast.http.defaults.connect-timeout=soon");
    ConfigReader.Scope orders = r.scope("ballast.http.services.orders.", "ballast.http.defaults.");

    orders.duration("connect-timeout", Duration.ofSeconds(1));
    orders.required("endpoints", "endpoint URLs");

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.defaults.connect-timeout: soon " + DURATION,
            "ballast.http.services.orders.endpoints: (missing) (expected: endpoint URLs)");
  }

  @Test
  void badDefaultIsReportedOnceEvenWhenOverriddenOrSharedByManyServices() {
    ConfigReader r =
        reader(
            "ballast.http.defaults.request-timeout=ten",
            "ballast.http.services.orders.request-timeout=3s");

    for (String service : r.names("ballast.http.services.")) {
      assertThat(
              r.scope("ballast.http.services." + service + ".", "ballast.http.defaults.")
                  .duration("request-timeout", Duration.ofSeconds(10)))
          .hasSeconds(3);
    }
    r.scope("ballast.http.services.billing.", "ballast.http.defaults.")
        .duration("request-timeout", Duration.ofSeconds(10));

    assertThat(r.problems())
        .containsExactly("ballast.http.defaults.request-timeout: ten " + DURATION);
  }

  @Test
  void misspelledKeyGetsDidYouMeanTheClosestKnownKey() {
    ConfigReader r =
        reader(
            "ballast.http.services.orders.strategy=peak-ewma",
            "ballast.http.services.orders.slow-start.windw=30s",
            "ballast.http.defaults.conect-timeout=1s",
            "ballast.jdbc.replicas.r1.url=jdbc:postgresql://127.0.0.1/app",
            "ballast.jdbc.replicas.r1.zon=a",
            "ballast.totally.unrelated.thing=1",
            "spring.datasource.url=ignored");
    ConfigReader.Scope orders = r.scope("ballast.http.services.orders.", "ballast.http.defaults.");
    orders.string("strategy", "least-request");
    orders.duration("slow-start.window", Duration.ZERO);
    orders.duration("connect-timeout", Duration.ofSeconds(1));
    for (String replica : r.names("ballast.jdbc.replicas.")) {
      ConfigReader.Scope s = r.scope("ballast.jdbc.replicas." + replica + ".");
      s.required("url", "a JDBC URL");
      s.string("zone", "");
    }

    r.checkUnknownKeys();

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.defaults.conect-timeout: 1s (expected: a known key; did you mean"
                + " 'ballast.http.defaults.connect-timeout'?)",
            "ballast.http.services.orders.slow-start.windw: 30s (expected: a known key; did you mean"
                + " 'ballast.http.services.orders.slow-start.window'?)",
            "ballast.jdbc.replicas.r1.zon: a (expected: a known key; did you mean"
                + " 'ballast.jdbc.replicas.r1.zone'?)",
            "ballast.totally.unrelated.thing: 1 (expected: a known key)");
  }

  @Test
  void multipleProblemsAreThrownTogetherOnePerLineInOrder() {
    ConfigReader r =
        reader(
            "ballast.jdbc.max-replica-lag=5 s s",
            "ballast.jdbc.topology=dynamic",
            "ballast.jdbc.extra=1");
    r.required("ballast.jdbc.primary.url", "a JDBC URL");
    r.duration("ballast.jdbc.max-replica-lag", Duration.ofSeconds(5));
    r.choice(
        "ballast.jdbc.topology",
        "static",
        v -> v.equals("static") ? v : v.substring(99),
        "static|auto");
    r.checkUnknownKeys();

    assertThatThrownBy(r::throwIfProblems)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid Ballast configuration (4 problems):\n"
                + "  ballast.jdbc.primary.url: (missing) (expected: a JDBC URL)\n"
                + "  ballast.jdbc.max-replica-lag: 5 s s "
                + DURATION
                + "\n"
                + "  ballast.jdbc.topology: dynamic (expected: static|auto)\n"
                + "  ballast.jdbc.extra: 1 (expected: a known key)")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4));
  }

  @Test
  void singleProblemIsThrownOnOneLine() {
    ConfigReader r = reader();
    r.required("ballast.jdbc.primary.url", "a JDBC URL");

    assertThatThrownBy(r::throwIfProblems)
        .hasMessage(
            "Invalid Ballast configuration: ballast.jdbc.primary.url: (missing) (expected: a JDBC URL)");
  }

  @Test
  void secretsAreMaskedInProblemsAndInDescribe() {
    ConfigReader r =
        reader(
            "ballast.jdbc.username=app",
            "ballast.jdbc.password=hunter2",
            "ballast.jdbc.api-token=tok-123",
            "ballast.jdbc.client-secret=s3cr3t",
            "ballast.jdbc.pasword=hunter3",
            "ballast.jdbc.hikari.dataSource.sslPassword=hunter4",
            "ballast.jdbc.hikari.maximumPoolSize=10");
    r.string("ballast.jdbc.username", "");
    r.string("ballast.jdbc.password", "");
    r.integer("ballast.jdbc.api-token", 0, 0, 10);
    Map<String, String> hikari = r.passthrough("ballast.jdbc.hikari.");
    r.problem(
        "ballast.jdbc.hikari.dataSource.sslPassword",
        hikari.get("dataSource.sslPassword"),
        "a valid password");
    r.checkUnknownKeys();

    assertThat(r.problems())
        .containsExactly(
            "ballast.jdbc.api-token: **** (expected: an integer 0..10)",
            "ballast.jdbc.hikari.dataSource.sslPassword: **** (expected: a valid password)",
            "ballast.jdbc.client-secret: **** (expected: a known key)",
            "ballast.jdbc.pasword: **** (expected: a known key; did you mean 'ballast.jdbc.password'?)");
    assertThat(r.describe())
        .isEqualTo(
            "ballast.jdbc.api-token=****\n"
                + "ballast.jdbc.hikari.dataSource.sslPassword=****\n"
                + "ballast.jdbc.hikari.maximumPoolSize=10\n"
                + "ballast.jdbc.password=****\n"
                + "ballast.jdbc.username=app");
    assertThatThrownBy(r::throwIfProblems)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter", "tok-123", "s3cr3t"));
  }

  @Test
  void describeListsOnlyConsumedKeysSorted() {
    ConfigReader r = reader("ballast.zone=a", "ballast.b=2", "ballast.a=1", "ballast.unread=x");
    r.integer("ballast.b", 0, 0, 9);
    r.integer("ballast.a", 0, 0, 9);
    r.string("ballast.zone", "");
    r.string("ballast.never-set", "d");

    assertThat(r.describe()).isEqualTo("ballast.a=1\nballast.b=2\nballast.zone=a");
    assertThat(reader().describe()).isEmpty();
  }

  @Test
  void namesListsTheNextSegmentUnderAPrefixSorted() {
    ConfigReader r =
        reader(
            "ballast.http.services.orders.endpoints=x",
            "ballast.http.services.orders.strategy=random",
            "ballast.http.services.billing.endpoints=y",
            "ballast.http.services.audit=z",
            "ballast.http.servicesX.other=1",
            "ballast.http.defaults.strategy=random");

    assertThat(r.names("ballast.http.services.")).containsExactly("audit", "billing", "orders");
    assertThat(r.names("ballast.jdbc.replicas.")).isEmpty();
  }

  @Test
  void passthroughStripsThePrefixAndConsumesTheKeys() {
    ConfigReader r =
        reader(
            "ballast.jdbc.hikari.maximumPoolSize=10",
            "ballast.jdbc.hikari.connectionTimeout= 2000 ",
            "ballast.jdbc.primary.hikari.maximumPoolSize=20",
            "ballast.jdbc.hikarix=1");

    assertThat(r.passthrough("ballast.jdbc.hikari."))
        .containsExactly(entry("connectionTimeout", "2000"), entry("maximumPoolSize", "10"));
    assertThat(r.scope("ballast.jdbc.primary.", "ballast.jdbc.").passthrough("hikari."))
        .containsExactly(entry("connectionTimeout", "2000"), entry("maximumPoolSize", "20"));
    r.checkUnknownKeys();
    assertThat(r.problems()).containsExactly("ballast.jdbc.hikarix: 1 (expected: a known key)");
  }

  @Test
  void sharesKeepTheWrittenOrder() {
    ConfigReader r =
        reader(
            "ballast.http.services.orders.zone-aware.caller-shares= us-east-1a=40, us-east-1b = 40,us-east-1c=20.5");

    Map<String, Double> shares =
        r.scope("ballast.http.services.orders.").shares("zone-aware.caller-shares");

    assertThat(shares)
        .containsExactly(
            entry("us-east-1a", 40.0), entry("us-east-1b", 40.0), entry("us-east-1c", 20.5));
    assertThat(r.shares("ballast.absent")).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void badSharesAreProblems() {
    String[] bad = {
      "a=40,b", "a=40,,b=60", "a=-1,b=2", "=40", "a=40,a=60", "a=0,b=0", "a=x", "a=40;b=60"
    };
    Properties p = new Properties();
    for (int i = 0; i < bad.length; i++) {
      p.setProperty("ballast.s" + i, bad[i]);
    }
    ConfigReader r = new ConfigReader(p, name -> null);

    for (int i = 0; i < bad.length; i++) {
      assertThat(r.shares("ballast.s" + i)).isEmpty();
    }

    assertThat(r.problems()).hasSize(bad.length);
    assertThat(r.problems().get(0))
        .isEqualTo(
            "ballast.s0: a=40,b (expected: comma-separated zone=share pairs with non-negative"
                + " numbers, each zone once, such as a=40,b=40,c=20)");
  }

  @Test
  void environmentLookupIsInjectableAndTrimmed() {
    ConfigReader r = new ConfigReader(props(), name -> Map.of("A", " x ", "BLANK", "  ").get(name));

    assertThat(r.env("A")).contains("x");
    assertThat(r.env("BLANK")).isEmpty();
    assertThat(r.env("UNSET")).isEmpty();
  }

  @Test
  void propertiesAreCopiedAtConstructionIncludingDefaults() {
    Properties defaults = props("ballast.a=1");
    Properties p = new Properties(defaults);
    ConfigReader r = new ConfigReader(p, name -> null);
    p.setProperty("ballast.b", "2");

    assertThat(r.optionalString("ballast.a")).contains("1");
    assertThat(r.optionalString("ballast.b")).isEmpty();
  }

  @Test
  void externalProblemUsesTheStandardForm() {
    ConfigReader r = reader("ballast.http.services.orders.endpoints=ftp://x");
    ConfigReader.Scope s = r.scope("ballast.http.services.orders.", "ballast.http.defaults.");
    s.required("endpoints", "endpoint URLs");

    s.problem("endpoints", "ftp://x", "http or https URLs");
    r.problem("ballast.http.services.orders.hedge.delay", null, "a duration");

    assertThat(r.problems())
        .containsExactly(
            "ballast.http.services.orders.endpoints: ftp://x (expected: http or https URLs)",
            "ballast.http.services.orders.hedge.delay: (missing) (expected: a duration)");
    assertThat(r.hasProblems()).isTrue();
  }
}
