package dev.ballast.spring.boot;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.spring.boot.internal.Meters;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * When a service is configured ({@code ballast.http.services.<name>.endpoints}): a {@link
 * BallastHttpClient} bean, and Boot's auto-configured {@code RestClient.Builder} and {@code
 * RestTemplateBuilder} route requests to {@code http://<name>/…} through it (see {@link
 * BallastRequestInterceptor}); other hosts are untouched.
 *
 * <p>Shutdown: the client is a bean, so it is closed in the context's destroy phase, which comes
 * after the web server's graceful shutdown (a lifecycle stop): requests still being served can
 * finish their downstream calls, then {@code close()} lets calls still in flight finish within
 * {@code ballast.http.shutdown-drain-timeout} and stops the event loops.
 */
@AutoConfiguration(
    after = BallastAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
      "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration"
    })
@Conditional(OnHttpServicesCondition.class)
public class BallastHttpAutoConfiguration {
  /**
   * {@return the client; closed (draining) with the context}
   *
   * @param settings the validated {@code ballast.*} settings
   * @param beans the application's bean factory
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public BallastHttpClient ballastHttpClient(BallastSettings settings, BeanFactory beans) {
    return Meters.httpClient(settings.properties(), beans);
  }

  /** Routes Boot's {@code RestClient.Builder} through Ballast for service hosts. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestClientCustomizer.class, org.springframework.web.client.RestClient.class})
  static class RestClientConfiguration {
    @Bean
    RestClientCustomizer ballastRestClientCustomizer(BallastHttpClient client) {
      BallastRequestInterceptor interceptor = new BallastRequestInterceptor(client);
      return builder -> builder.requestInterceptor(interceptor);
    }
  }

  /** Routes Boot's {@code RestTemplateBuilder} through Ballast for service hosts. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({
    RestTemplateCustomizer.class,
    org.springframework.web.client.RestTemplate.class
  })
  static class RestTemplateConfiguration {
    @Bean
    RestTemplateCustomizer ballastRestTemplateCustomizer(BallastHttpClient client) {
      BallastRequestInterceptor interceptor = new BallastRequestInterceptor(client);
      return template -> template.getInterceptors().add(interceptor);
    }
  }
}
