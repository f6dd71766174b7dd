package dev.ballast.spring.boot;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.spring.boot.internal.HttpClientShutdown;
import dev.ballast.spring.boot.internal.Meters;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * When a service is configured ({@code ballast.http.services.<name>.endpoints}): a {@link
 * BallastHttpClient} bean, and Boot's auto-configured {@code RestClient.Builder} and {@code
 * RestTemplateBuilder} route requests to {@code http://<name>/…} through it (see {@link
 * BallastRequestInterceptor}); other hosts are untouched.
 *
 * <p>Shutdown: the client is closed while the context stops, after the web server's graceful wait
 * for requests in flight and before the web server itself stops (a lifecycle phase between the
 * two): calls still in flight, from requests being served or from background work, finish within
 * {@code ballast.http.shutdown-drain-timeout} while their responses can still be written; later
 * calls are rejected; then the event loops stop.
 */
@AutoConfiguration(
    after = BallastAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
      "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration"
    })
@Conditional(OnHttpServicesCondition.class)
public class BallastHttpAutoConfiguration {
  private static final String SERVICES = "ballast.http.services.";

  /**
   * {@return the client; closed (draining) with the context}
   *
   * @param settings the validated {@code ballast.*} settings
   * @param beans the application's bean factory
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public BallastHttpClient ballastHttpClient(BallastSettings settings, BeanFactory beans) {
    return Meters.httpClient(settings.properties(), settings.discoveryProviders(), beans);
  }

  /** Closes the client between the web server's graceful wait and its stop. */
  @Bean
  SmartLifecycle ballastHttpClientShutdown(BallastHttpClient client) {
    return new HttpClientShutdown(client);
  }

  /** Routes Boot's {@code RestClient.Builder} through Ballast for service hosts. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestClientCustomizer.class, org.springframework.web.client.RestClient.class})
  static class RestClientConfiguration {
    @Bean
    RestClientCustomizer ballastRestClientCustomizer(
        BallastSettings settings, ObjectProvider<BallastHttpClient> client) {
      BallastRequestInterceptor interceptor = lazyInterceptor(settings, client);
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
    RestTemplateCustomizer ballastRestTemplateCustomizer(
        BallastSettings settings, ObjectProvider<BallastHttpClient> client) {
      BallastRequestInterceptor interceptor = lazyInterceptor(settings, client);
      return template -> template.getInterceptors().add(interceptor);
    }
  }

  /**
   * The customizers must not need the client itself: a discovery source's first read, made while
   * the client is built, may build a {@code RestClient} (Eureka's transport does), whose builder
   * asks for these customizers — a cycle that left the service with no instances until the
   * registry's next refresh. The service names come from the settings; the client is fetched on the
   * first request to one of them.
   */
  static BallastRequestInterceptor lazyInterceptor(
      BallastSettings settings, ObjectProvider<BallastHttpClient> client) {
    return new BallastRequestInterceptor(serviceNames(settings.properties()), client::getObject);
  }

  /** The {@code <name>} of every {@code ballast.http.services.<name>.…} key. */
  static Set<String> serviceNames(Properties properties) {
    Set<String> names = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(SERVICES)) {
        int dot = key.indexOf('.', SERVICES.length());
        names.add(
            dot < 0 ? key.substring(SERVICES.length()) : key.substring(SERVICES.length(), dot));
      }
    }
    return names;
  }
}
