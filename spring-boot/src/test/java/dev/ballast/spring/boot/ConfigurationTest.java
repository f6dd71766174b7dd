package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.ConfigException;
import dev.ballast.spring.boot.internal.ConfigValidation;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Configuration from the Spring Environment: relaxed names reach Ballast's binders under their
 * documented keys, validation is the binders' own, and a bad configuration stops the context with
 * one line per problem printed by the failure analyzer. No server is needed: nothing here starts a
 * pool or an event loop (an invalid configuration fails before; valid ones only bind).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(BallastAutoConfiguration.class));

  @Test
  void aMisspelledKeyStopsTheApplicationWithTheDidYouMeanLine(CapturedOutput output) {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(EmptyApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "ballast.http.services.orders.endpoints=http://127.0.0.1:1",
                "ballast.http.services.orders.conect-timeout=250ms",
                "ballast.jdbc.pasword=hunter2",
                "ballast.jdbc.primary.url=jdbc:postgresql://127.0.0.1:1/app");

    assertThatThrownBy(app::run).hasRootCauseInstanceOf(ConfigException.class);

    assertThat(output.getOut() + output.getErr())
        .contains("Invalid Ballast configuration:")
        .contains(
            "    ballast.http.services.orders.conect-timeout: 250ms (expected: a known key; did you"
                + " mean 'ballast.http.services.orders.connect-timeout'?)")
        .contains(
            "    ballast.jdbc.pasword: **** (expected: a known key; did you mean"
                + " 'ballast.jdbc.password'?)")
        .doesNotContain("hunter2");
  }

  @Test
  void aBadValueIsReportedWithItsKeyValueAndExpectation() {
    runner
        .withPropertyValues(
            "ballast.http.services.orders.endpoints=http://127.0.0.1:1",
            "ballast.http.defaults.connect-timeout=soon",
            "ballast.http.services.orders.strategy=fastest")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOfSatisfying(
                      ConfigException.class,
                      e ->
                          assertThat(e.problems())
                              .contains(
                                  "ballast.http.defaults.connect-timeout: soon (expected: a"
                                      + " non-negative duration such as 250ms, 5s, 2m or PT5S)")
                              .anyMatch(
                                  p ->
                                      p.startsWith(
                                          "ballast.http.services.orders.strategy: fastest"
                                              + " (expected: one of "))
                              .hasSize(2));
            });
  }

  @Test
  void relaxedNamesFromEnvironmentVariablesAndYamlListsReachTheDocumentedKeys() {
    SystemEnvironmentPropertySource envVars =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.of(
                "BALLAST_HTTP_SHUTDOWNDRAINTIMEOUT", "2s",
                "BALLAST_HTTP_SERVICES_ORDERS_RETRY_MAXATTEMPTS", "5",
                "BALLAST_JDBC_PRIMARY_URL", "jdbc:postgresql://127.0.0.1:1/env"));
    // as application.yml would be loaded: after the environment variables in precedence
    MapPropertySource file =
        new MapPropertySource(
            "application.yml",
            Map.of(
                "ballast.http.services.orders.endpoints[0]", "http://127.0.0.1:1",
                "ballast.http.services.orders.endpoints[1]", "http://127.0.0.1:2",
                "ballast.http.services.orders.connectTimeout", "250ms",
                "ballast.jdbc.primary.url", "jdbc:postgresql://127.0.0.1:1/file",
                "ballast.jdbc.hikari.maximumPoolSize", "3"));
    runner
        .withInitializer(
            ctx -> {
              var sources = ctx.getEnvironment().getPropertySources();
              sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, envVars);
              sources.addLast(file);
            })
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Properties p = context.getBean(BallastSettings.class).properties();
              assertThat(p)
                  .containsEntry("ballast.http.shutdown-drain-timeout", "2s")
                  .containsEntry("ballast.http.services.orders.retry.max-attempts", "5")
                  .containsEntry(
                      "ballast.http.services.orders.endpoints",
                      "http://127.0.0.1:1,http://127.0.0.1:2")
                  .containsEntry("ballast.http.services.orders.connect-timeout", "250ms")
                  .containsEntry("ballast.jdbc.primary.url", "jdbc:postgresql://127.0.0.1:1/env")
                  .containsEntry("ballast.jdbc.hikari.maximumPoolSize", "3");
            });
  }

  @Test
  void jdbcOnlyAndHttpOnlyConfigurationsNeedNoKeysOfTheOtherModule() {
    runner
        .withPropertyValues("ballast.jdbc.primary.url=jdbc:postgresql://127.0.0.1:1/app")
        .run(context -> assertThat(context).hasNotFailed());
    runner
        .withPropertyValues("ballast.http.services.orders.endpoints=http://127.0.0.1:1")
        .run(context -> assertThat(context).hasNotFailed());
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void aStrayKeyOutsideBothModulesFailsEvenWhenNeitherIsConfigured() {
    runner
        .withPropertyValues("ballast.zonee=a")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                            assertThat(e.problems())
                                .containsExactly(
                                    "ballast.zonee: a (expected: a known key; did you mean"
                                        + " 'ballast.zone'?)")));
  }

  /** The starter rejects exactly what fromProperties rejects, with the same lines. */
  @Test
  void validationIsTheSameAsFromProperties() {
    Properties http = new Properties();
    http.setProperty("ballast.http.services.orders.endpoints", "ftp://x");
    http.setProperty("ballast.http.services.orders.panic-threshold", "150");
    http.setProperty("ballast.http.event-loop-threads", "0");
    Properties jdbc = new Properties();
    jdbc.setProperty("ballast.jdbc.primary.url", "postgresql://nope");
    jdbc.setProperty("ballast.jdbc.max-replica-lag", "-1s");
    jdbc.setProperty("ballast.jdbc.replicas.r1.zone", "a");

    assertThat(ConfigValidation.problems(http, name -> null))
        .isNotEmpty()
        .isEqualTo(problemsOf(() -> BallastHttpClient.fromProperties(http)));
    assertThat(ConfigValidation.problems(jdbc, name -> null))
        .isNotEmpty()
        .isEqualTo(problemsOf(() -> RoutingDataSource.fromProperties(jdbc)));
  }

  private static List<String> problemsOf(Runnable build) {
    try {
      build.run();
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  /** Only Ballast's configuration: the failure must come from it, not from another starter. */
  @SpringBootConfiguration
  @ImportAutoConfiguration(BallastAutoConfiguration.class)
  static class EmptyApp {}
}
