package dev.ballast.spring.boot;

import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.spring.boot.internal.EnvironmentKeys;
import dev.ballast.spring.boot.internal.KeyCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads and validates every {@code ballast.*} key of the application's {@code Environment}
 * (application.yml, properties, profiles, environment variables, command line) into {@link
 * BallastSettings}. An invalid configuration fails the context here, before any Ballast thread or
 * pool starts, and {@link BallastFailureAnalyzer} lists the problems.
 */
@AutoConfiguration
public class BallastAutoConfiguration {
  /**
   * {@return the validated settings; the application may define its own bean instead} {@code
   * discovery=} may name a source found on the class path or any {@link EndpointSourceProvider}
   * bean.
   *
   * @param environment the application's Spring environment
   * @param sources the context's {@link EndpointSourceProvider} beans
   */
  @Bean
  @ConditionalOnMissingBean
  public BallastSettings ballastSettings(
      ConfigurableEnvironment environment, ObjectProvider<EndpointSourceProvider> sources) {
    return BallastSettings.validate(
        EnvironmentKeys.collect(environment, KeyCatalog.load()),
        System::getenv,
        sources.orderedStream().toList());
  }
}
