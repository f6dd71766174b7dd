/**
 * A small Orders service on Spring Boot 4 that uses Ballast only through the starter and {@code
 * application.yml}: {@link dev.ballast.examples.orders.OrdersApplication} and its controller and
 * service.
 */
@NullMarked
package dev.ballast.examples.orders;

import org.jspecify.annotations.NullMarked;
