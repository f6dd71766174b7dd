/**
 * Ballast jdbc-router: a {@link javax.sql.DataSource} that sends writes and transactions to the
 * primary and read-only work to replicas — zone-preferring, lag-aware, with read-your-writes, and
 * following a failover.
 *
 * <p>Start with {@link dev.ballast.jdbc.RoutingDataSource#fromProperties(java.util.Properties)} or
 * {@link dev.ballast.jdbc.RoutingDataSource#builder()}; {@link dev.ballast.jdbc.ConsistencyToken}
 * carries read-your-writes across threads and services.
 */
@NullMarked
package dev.ballast.jdbc;

import org.jspecify.annotations.NullMarked;
