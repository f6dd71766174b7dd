/**
 * Ballast's reliability scenarios and chaos soak: real operations — rolling deploys, zone outages,
 * client shutdown, replica maintenance, failover — turned into tests against real servers and real
 * PostgreSQL on {@code 127.0.0.1}, with invariants checked under load.
 *
 * <p>Starting points: {@link dev.ballast.reliability.ChaosSoak} (the seeded soak, short mode in the
 * test suite, long mode by command) with {@link dev.ballast.reliability.SoakOptions} and {@link
 * dev.ballast.reliability.SoakResult}; {@link dev.ballast.reliability.FaultPlan} (the deterministic
 * fault schedule of {@link dev.ballast.reliability.Fault}s and {@link
 * dev.ballast.reliability.FaultKind}s); {@link dev.ballast.reliability.Invariant}. The scenario
 * tests live in this module's test sources; {@code dev.ballast.reliability.internal} holds the load
 * generators, fault injection, checks and report writers.
 */
@NullMarked
package dev.ballast.reliability;

import org.jspecify.annotations.NullMarked;
