/**
 * Scenario benchmarks on real servers on 127.0.0.1: tail latency under a degraded instance ({@link
 * dev.ballast.benchmarks.scenario.TailLatencySuite}) and again at 80 % of capacity ({@link
 * dev.ballast.benchmarks.scenario.TailUnderLoadSuite}), HTTP client overhead ({@link
 * dev.ballast.benchmarks.scenario.HttpOverheadSuite}), JDBC routing overhead ({@link
 * dev.ballast.benchmarks.scenario.JdbcOverheadSuite}) and consistency and failover ({@link
 * dev.ballast.benchmarks.scenario.ConsistencySuite}). {@link
 * dev.ballast.benchmarks.scenario.SendDesignProbe}, run by hand, sets a blocking call's two designs
 * (hand-off to an event loop, caller-driven I/O) beside raw Netty. Every load loop is bounded in
 * count and time.
 */
@NullMarked
package dev.ballast.benchmarks.scenario;

import org.jspecify.annotations.NullMarked;
