package dev.ballast.eureka.client;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * An application that calls {@code inventory} through Boot's {@code RestClient}, with the Ballast
 * starter and a Eureka client (which it does not register with Eureka itself).
 */
@SpringBootApplication
public class InventoryClientApp {

  @Bean
  Heartbeats heartbeats() {
    return new Heartbeats();
  }

  /** Counts the {@link HeartbeatEvent}s the Eureka client publishes after each registry fetch. */
  public static final class Heartbeats implements ApplicationListener<HeartbeatEvent> {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void onApplicationEvent(HeartbeatEvent event) {
      count.incrementAndGet();
    }

    public int count() {
      return count.get();
    }
  }
}
