/**
 * The balancer behind {@link dev.ballast.lb.LoadBalancer}: the per-endpoint state, the immutable
 * picker rebuilt on every change of membership or status, the zone shares, and the single-threaded
 * control plane that applies updates, probes and ejections. Nothing here is public API.
 *
 * <p>Start at {@code Balancer}: it owns the control plane and publishes a new {@code Picker} after
 * each change; the data path ({@code pick} and the completion of a {@code Pick}) reads only
 * immutable pickers and atomic counters. The pure policies it applies each have their own class and
 * tests: {@code ZoneShares} (zone and priority load), {@code SlowStart} (the ramp), {@code
 * EjectionPolicy} (ejection length, multiplier decay, how many may be out), {@code Diagnostics}
 * (status and failure summaries); {@code EndpointState} holds the peak-EWMA and counters.
 */
@NullMarked
package dev.ballast.lb.internal;

import org.jspecify.annotations.NullMarked;
