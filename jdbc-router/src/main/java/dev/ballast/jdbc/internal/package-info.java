/**
 * Implementation of the JDBC router; not API, may change without notice.
 *
 * <p>Starting points: {@link dev.ballast.jdbc.internal.Router} (where each logical connection goes:
 * {@link dev.ballast.jdbc.internal.ReplicaRoute} for reads, {@link
 * dev.ballast.jdbc.internal.PrimaryRoute} for writes), {@link
 * dev.ballast.jdbc.internal.LogicalConnection} (the lazy connection handed to users), {@link
 * dev.ballast.jdbc.internal.TopologyMonitor} (probes: reachability, role, lag, eligibility), {@link
 * dev.ballast.jdbc.internal.RouterLifecycle} (a started router with its meters and pools; {@link
 * dev.ballast.jdbc.internal.PropertiesAssembly} starts one from properties), {@link
 * dev.ballast.jdbc.internal.JdbcProperties} (the properties binder), {@link
 * dev.ballast.jdbc.internal.SharedHosts} (the process's database servers, shared by every router on
 * them: one probe per server, the connection budget). Engine differences live in {@code
 * dev.ballast.jdbc.internal.dialect}.
 */
@NullMarked
package dev.ballast.jdbc.internal;

import org.jspecify.annotations.NullMarked;
