package dev.ballast.spring.boot.shutdown;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A web app with no database whose {@code GET /proxy} calls {@code http://orders/slow}. */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
public class ProxyApp {
  /** Calls the upstream through Boot's RestClient (and so through Ballast). */
  @RestController
  static class ProxyController {
    private final RestClient client;

    ProxyController(RestClient.Builder builder) {
      this.client = builder.build();
    }

    @GetMapping("/proxy")
    String proxy() {
      return client.get().uri("http://orders/slow").retrieve().body(String.class);
    }
  }
}
