package dev.ballast.spring.boot.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux Orders service for the starter's tests: its handlers run blocking JDBC the common
 * way, {@code Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic())}; nothing of
 * Ballast's but the {@code ballast.*} keys the tests set.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"
    })
public class ReactiveOrdersApp {}
