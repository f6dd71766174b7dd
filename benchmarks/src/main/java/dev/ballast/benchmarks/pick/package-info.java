/**
 * JMH benchmarks of the cost of one pick: Ballast's strategies (plain and zone-aware) side by side
 * with Spring Cloud LoadBalancer, Ribbon, gRPC's {@code round_robin} picker and Armeria's weighted
 * round robin, over the same {@link dev.ballast.benchmarks.pick.Topology}; and {@link
 * dev.ballast.benchmarks.pick.ChurnBenchmark}, picks while endpoints and health change.
 */
@NullMarked
package dev.ballast.benchmarks.pick;

import org.jspecify.annotations.NullMarked;
