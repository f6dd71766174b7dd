/**
 * The balancer behind {@link dev.ballast.lb.LoadBalancer}: the per-endpoint state, the immutable
 * picker rebuilt on every change of membership or status, the zone shares, and the single-threaded
 * control plane that applies updates, probes and ejections. Nothing here is public API.
 *
 * <p>Start at {@code Balancer}: a short class that wires the concerns, each with its own class and
 * tests, the way gRPC composes outlier detection and health checking over a child policy: {@code
 * Membership} (endpoint sets, statistics kept by id), {@code ActiveHealthCheck} (probes and
 * thresholds), {@code OutlierEjection} (consecutive failures, ejection timers; the arithmetic in
 * {@code EjectionPolicy}), {@code RampTimer} and {@code SlowStart} (the ramp), {@code
 * PickerFactory} (panic, zones through {@code ZoneShares}, the strategy's pickers), {@code
 * BalancerEvents} (listeners, panic and spill transitions) and {@code Diagnostics} (status and
 * failure summaries). Every change runs on the {@code ControlPlane} and ends in a new immutable
 * {@code Picker}; the data path ({@code pick} and the completion of a {@code Pick}) reads only that
 * picker and the atomic counters of {@code EndpointState}, which also holds the peak-EWMA.
 */
@NullMarked
package dev.ballast.lb.internal;

import org.jspecify.annotations.NullMarked;
