package dev.ballast.spring.boot;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.internal.OnPositionReadYourWrites;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With {@code ballast.jdbc.read-your-writes=lsn} (or {@code gtid}) in a servlet web application
 * whose {@code DataSource} is a {@link RoutingDataSource}: the {@link ConsistencyFilter} that
 * returns and honours {@code Ballast-Consistency} headers, so that a client reads its writes on any
 * instance.
 */
@AutoConfiguration(after = BallastJdbcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
@Conditional(OnPositionReadYourWrites.class)
public class BallastReadYourWritesAutoConfiguration {
  /**
   * {@return the filter; Boot registers it for every request}
   *
   * @param router the routing data source whose positions the tokens name
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(RoutingDataSource.class)
  public ConsistencyFilter ballastConsistencyFilter(RoutingDataSource router) {
    return new ConsistencyFilter(router);
  }
}
