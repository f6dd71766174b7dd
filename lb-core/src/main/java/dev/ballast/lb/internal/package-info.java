/**
 * The balancer behind {@link dev.ballast.lb.LoadBalancer}: the per-endpoint state, the immutable
 * picker rebuilt on every change of membership or status, the zone shares, and the single-threaded
 * control plane that applies updates, probes and ejections. Nothing here is public API.
 *
 * <p>Start at {@code Balancer}: it owns the control plane and publishes a new {@code Picker} after
 * each change; the data path ({@code pick} and the completion of a {@code Pick}) reads only
 * immutable pickers and atomic counters.
 */
@NullMarked
package dev.ballast.lb.internal;

import org.jspecify.annotations.NullMarked;
