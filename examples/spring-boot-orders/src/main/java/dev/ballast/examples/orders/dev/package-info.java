/**
 * Development only: {@link dev.ballast.examples.orders.dev.DevLauncher} runs the Orders service
 * against local PostgreSQL and HTTP instances from Ballast's testkit and plays a short tour.
 */
@NullMarked
package dev.ballast.examples.orders.dev;

import org.jspecify.annotations.NullMarked;
