package dev.ballast.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Orders service: a plain Spring Boot application. Ballast comes from the starter on the class
 * path and the {@code ballast.*} keys in {@code application.yml}; no code of this service refers to
 * it. Run against real hosts by setting the placeholders of {@code application.yml}; for a local
 * run see {@link dev.ballast.examples.orders.dev.DevLauncher}.
 */
@SpringBootApplication
public class OrdersApplication {
  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }
}
