package dev.ballast.spring.boot;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ballast} health contributor (see {@link BallastHealthIndicator}) when Boot's health
 * support is on the class path and Ballast has an HTTP client or a router in the context.
 */
@AutoConfiguration(
    after = {
      BallastJdbcAutoConfiguration.class,
      BallastHttpAutoConfiguration.class,
      BallastReadYourWritesAutoConfiguration.class
    })
@ConditionalOnClass(HealthIndicator.class)
public class BallastHealthAutoConfiguration {
  /**
   * {@return the health indicator, named {@code ballast}: the contributor's name in {@code
   * /actuator/health}}
   *
   * @param client the HTTP client, if the context has one
   * @param databases the routing data sources to report
   */
  @Bean(name = "ballast")
  @ConditionalOnMissingBean(name = "ballast")
  public BallastHealthIndicator ballastHealthIndicator(
      ObjectProvider<BallastHttpClient> client, ObjectProvider<RoutingDataSource> databases) {
    return new BallastHealthIndicator(client.getIfAvailable(), databases.orderedStream().toList());
  }
}
