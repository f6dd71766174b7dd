package dev.ballast.spring.boot;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.internal.ConsistencyAccessor;
import dev.ballast.spring.boot.internal.OnPositionReadYourWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Hooks;

/**
 * With {@code ballast.jdbc.read-your-writes=lsn} (or {@code gtid}) in a reactive (WebFlux) web
 * application whose {@code DataSource} is a {@link RoutingDataSource}: the {@link
 * ConsistencyWebFilter} that returns and honours {@code Ballast-Consistency} headers.
 *
 * <p>The filter needs Reactor's automatic context propagation to reach blocking JDBC work on other
 * schedulers, so this configuration turns it on ({@code Hooks.enableAutomaticContextPropagation()},
 * what {@code spring.reactor.context-propagation=auto} does) unless the application set {@code
 * spring.reactor.context-propagation} itself; with {@code limited} it logs a warning, because the
 * position then reaches only operators that restore context explicitly ({@code handle}, {@code
 * tap}).
 */
@AutoConfiguration(after = BallastJdbcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(
    name = {
      "org.springframework.web.server.WebFilter",
      "reactor.core.publisher.Hooks",
      "io.micrometer.context.ContextRegistry"
    })
@Conditional(OnPositionReadYourWrites.class)
public class BallastReactiveReadYourWritesAutoConfiguration {
  private static final Logger log =
      LoggerFactory.getLogger(BallastReactiveReadYourWritesAutoConfiguration.class);
  private static final String PROPAGATION = "spring.reactor.context-propagation";

  /**
   * {@return the filter, which WebFlux applies to every request}
   *
   * @param router the routing data source whose database the filter tracks
   * @param environment read for {@code spring.reactor.context-propagation}
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(RoutingDataSource.class)
  public ConsistencyWebFilter ballastConsistencyWebFilter(
      RoutingDataSource router, Environment environment) {
    ConsistencyAccessor.register();
    String mode = environment.getProperty(PROPAGATION);
    if (mode == null) {
      Hooks.enableAutomaticContextPropagation();
    } else if (!mode.equalsIgnoreCase("auto")) {
      log.warn(
          "{}: {} (expected: auto for ballast.jdbc.read-your-writes=lsn in a WebFlux application;"
              + " blocking JDBC work on another scheduler will not see Ballast-Consistency tokens)",
          PROPAGATION,
          mode);
    }
    return new ConsistencyWebFilter(router);
  }
}
