package dev.ballast.spring.boot;

import dev.ballast.lb.Ticker;
import dev.ballast.spring.boot.internal.SpringCloudSourceProvider;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * When Spring Cloud Commons is on the class path: the discovery source {@code
 * ballast.http.services.<name>.discovery=spring-cloud}, which takes a service's instances from the
 * application's {@link DiscoveryClient} (zone and weight from instance metadata) and re-reads them
 * on each Spring Cloud {@link HeartbeatEvent}, with a periodic fallback ({@code
 * discovery.spring-cloud.refresh-interval}, 30 s) for registries that announce none. It is an
 * {@code EndpointSourceProvider} bean: {@link BallastAutoConfiguration} offers every such bean to
 * Ballast's binder beside the sources found on the class path. Inert until a service names it.
 */
@AutoConfiguration
@ConditionalOnClass({DiscoveryClient.class, HeartbeatEvent.class})
public class BallastSpringCloudAutoConfiguration {
  /**
   * {@return the source; the {@code DiscoveryClient} is only looked up once a service's discovery
   * starts}
   *
   * @param clients the application's {@code DiscoveryClient}, looked up lazily
   * @param beans tells whether a {@code DiscoveryClient} bean is defined
   */
  @Bean
  public SpringCloudSourceProvider ballastSpringCloudSource(
      ObjectProvider<DiscoveryClient> clients, ListableBeanFactory beans) {
    return new SpringCloudSourceProvider(
        clients::getObject,
        () -> beans.getBeanNamesForType(DiscoveryClient.class, true, false).length > 0,
        Ticker.system());
  }

  /** Passes Spring Cloud's heartbeats (its registry was re-read) to the source. */
  @Bean
  ApplicationListener<HeartbeatEvent> ballastSpringCloudHeartbeats(
      SpringCloudSourceProvider source) {
    return new Heartbeats(source);
  }

  // A class rather than a lambda: Spring reads the event type from its declaration.
  private static final class Heartbeats implements ApplicationListener<HeartbeatEvent> {
    private final SpringCloudSourceProvider source;

    Heartbeats(SpringCloudSourceProvider source) {
      this.source = source;
    }

    @Override
    public void onApplicationEvent(HeartbeatEvent event) {
      source.heartbeat();
    }
  }
}
