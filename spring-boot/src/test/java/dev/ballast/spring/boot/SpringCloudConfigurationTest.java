package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.lb.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

/**
 * {@code discovery=spring-cloud} is validated like every key: a misspelt key of the source, a
 * misspelt source name and a missing DiscoveryClient each stop the context with the binder's line;
 * without Spring Cloud on the class path the starter works and the name is simply unknown. No
 * server: nothing here starts a client's event loops except the one valid context.
 */
class SpringCloudConfigurationTest {
  private static final String SVC = "ballast.http.services.orders.";

  // Ballast alone, no DiscoveryClient
  private final ApplicationContextRunner ballastOnly =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  BallastAutoConfiguration.class,
                  BallastHttpAutoConfiguration.class,
                  BallastSpringCloudAutoConfiguration.class));

  // with Spring Cloud's simple DiscoveryClient listing one instance of orders
  private final ApplicationContextRunner runner =
      ballastOnly
          .withConfiguration(
              AutoConfigurations.of(
                  UtilAutoConfiguration.class,
                  SimpleDiscoveryClientAutoConfiguration.class,
                  CompositeDiscoveryClientAutoConfiguration.class))
          .withPropertyValues(
              "spring.cloud.discovery.client.simple.instances.orders[0].uri=http://127.0.0.1:1");

  @Test
  void aValidConfigurationBuildsTheClientFromTheDiscoveryClient() {
    runner
        .withPropertyValues(SVC + "discovery=spring-cloud")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context.getBean(BallastHttpClient.class).loadBalancer("orders").endpoints())
                  .extracting(s -> s.endpoint().id())
                  .containsExactly("127.0.0.1:1");
              assertThat(threadNamed("ballast-spring-cloud-orders")).isTrue();
            });
    // closed with the context: the client closes its source, which stops the refresh thread
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> !threadNamed("ballast-spring-cloud-orders"));
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }

  @Test
  void aMisspeltKeyOfTheSourceFailsWithADidYouMean() {
    runner
        .withPropertyValues(
            SVC + "discovery=spring-cloud", SVC + "discovery.spring-cloud.zone-metadata-kye=az")
        .run(
            context ->
                assertProblem(
                    context,
                    SVC
                        + "discovery.spring-cloud.zone-metadata-kye: az (expected: a known key; did"
                        + " you mean '"
                        + SVC
                        + "discovery.spring-cloud.zone-metadata-key'?)"));
  }

  @Test
  void aMisspeltSourceNameFailsWithADidYouMean() {
    runner
        .withPropertyValues(SVC + "discovery=spring-clud")
        .run(
            context ->
                assertProblem(
                    context,
                    SVC
                        + "discovery: spring-clud (expected: the name of a discovery source on the"
                        + " class path, one of [dns, dns-srv, spring-cloud]; did you mean 'spring-cloud'?)"));
  }

  @Test
  void aBadRefreshIntervalIsRefused() {
    runner
        .withPropertyValues(
            SVC + "discovery=spring-cloud", SVC + "discovery.spring-cloud.refresh-interval=0s")
        .run(
            context ->
                assertProblem(
                    context,
                    SVC
                        + "discovery.spring-cloud.refresh-interval: 0s (expected: a positive"
                        + " duration up to 24 days)"));
  }

  @Test
  void withoutADiscoveryClientBeanTheKeyIsRefused() {
    ballastOnly
        .withPropertyValues(SVC + "discovery=spring-cloud")
        .run(
            context ->
                assertProblem(
                    context,
                    SVC
                        + "discovery: spring-cloud (expected: a Spring Cloud DiscoveryClient bean"
                        + " in the application context (none is defined: add a Spring Cloud"
                        + " discovery starter such as Eureka or Consul, or"
                        + " spring.cloud.discovery.client.simple.instances.*))"));
  }

  @Test
  void withoutSpringCloudTheStarterWorksAndTheNameIsUnknown() {
    ApplicationContextRunner plain =
        ballastOnly.withClassLoader(
            new FilteredClassLoader("org.springframework.cloud.client.discovery"));
    plain
        .withPropertyValues(SVC + "endpoints=http://127.0.0.1:1")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(BallastHttpClient.class));
    plain
        .withPropertyValues(SVC + "discovery=spring-cloud")
        .run(
            context ->
                assertProblem(
                    context,
                    SVC
                        + "discovery: spring-cloud (expected: the name of a discovery source on the"
                        + " class path, one of [dns, dns-srv])"));
  }

  private static void assertProblem(AssertableApplicationContext context, String line) {
    assertThat(context).hasFailed();
    assertThat(context.getStartupFailure())
        .rootCause()
        .isInstanceOf(ConfigException.class)
        .message()
        .contains(line);
  }
}
