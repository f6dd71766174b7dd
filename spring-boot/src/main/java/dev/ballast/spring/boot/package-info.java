/**
 * Spring Boot auto-configuration of Ballast: {@code ballast.*} keys from the application's {@code
 * Environment} become a {@link dev.ballast.jdbc.RoutingDataSource} (the context's {@code
 * DataSource}) and a {@link dev.ballast.http.BallastHttpClient} that {@code RestClient} uses for
 * hosts that are configured service names. Validation is the same as {@code fromProperties}: an
 * invalid configuration stops the context at start-up with one line per problem. With {@code
 * ballast.jdbc.read-your-writes=lsn}, {@link dev.ballast.spring.boot.ConsistencyFilter} (servlet)
 * or {@link dev.ballast.spring.boot.ConsistencyWebFilter} (WebFlux) carries read-your-writes
 * positions between instances in the {@code Ballast-Consistency} header. With Spring Cloud Commons
 * on the class path, {@code discovery=spring-cloud} takes a service's instances from the
 * application's {@code DiscoveryClient} ({@link BallastSpringCloudAutoConfiguration}).
 */
@NullMarked
package dev.ballast.spring.boot;

import org.jspecify.annotations.NullMarked;
