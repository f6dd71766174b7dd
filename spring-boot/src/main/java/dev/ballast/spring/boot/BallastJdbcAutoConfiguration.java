package dev.ballast.spring.boot;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.internal.Meters;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * When {@code ballast.jdbc.primary.url} is set, the context's {@code DataSource} is a {@link
 * RoutingDataSource} built from the {@code ballast.jdbc.*} keys: read-only transactions
 * ({@code @Transactional(readOnly = true)}, Spring Data's read methods) read on replicas,
 * everything else runs on the primary, with no annotation of Ballast's. Boot's own single-pool
 * {@code DataSource} backs off (this runs before it and it is conditional on a missing {@code
 * DataSource}); JPA, {@code JdbcTemplate} and Flyway use the router (migrations write, so they run
 * on the primary). The router, its pools and its monitor thread are closed with the context. An
 * application that defines its own {@code DataSource} keeps it.
 */
@AutoConfiguration(
    after = BallastAutoConfiguration.class,
    beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "ballast.jdbc.primary", name = "url")
public class BallastJdbcAutoConfiguration {
  /**
   * {@return the router; closed with the context}
   *
   * @param settings the validated {@code ballast.*} settings
   * @param beans the application's bean factory
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(DataSource.class)
  public RoutingDataSource ballastRoutingDataSource(BallastSettings settings, BeanFactory beans) {
    return Meters.routingDataSource(settings.properties(), beans);
  }
}
