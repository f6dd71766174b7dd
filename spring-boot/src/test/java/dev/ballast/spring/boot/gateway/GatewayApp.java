package dev.ballast.spring.boot.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web app with no database that calls other services through RestClient. */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
public class GatewayApp {}
