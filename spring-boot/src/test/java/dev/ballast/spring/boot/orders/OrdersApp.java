package dev.ballast.spring.boot.orders;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Orders service for the starter's tests: JPA entity and repository, a service with
 * read-only and read-write transactions, Flyway migrations and a REST controller; nothing of
 * Ballast's but the {@code ballast.*} keys the tests set.
 */
@SpringBootApplication
public class OrdersApp {}
