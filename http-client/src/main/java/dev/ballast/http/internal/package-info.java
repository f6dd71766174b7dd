/**
 * Implementation of the HTTP client; not API. Starting points: {@link
 * dev.ballast.http.internal.ClientCore} (one client: event loops, services, active calls), {@link
 * dev.ballast.http.internal.Call} (one call: pick, retries, hedging, the failure message; its
 * attempts in {@link dev.ballast.http.internal.CallAttempts}, what may be retried in {@link
 * dev.ballast.http.internal.RetryRules}), {@link dev.ballast.http.internal.ServiceRuntime} (one
 * service: balancer, budgets, {@link dev.ballast.http.internal.EndpointPools}, {@link
 * dev.ballast.http.internal.ServiceTls}), {@link dev.ballast.http.internal.Attempt} (one exchange
 * on one connection, the request written as {@link dev.ballast.http.internal.WireRequest} says),
 * {@link dev.ballast.http.internal.EndpointPool} (per-endpoint keep-alive pool of {@link
 * dev.ballast.http.internal.PooledConnection}s, confined to one event loop, idle ones in {@link
 * dev.ballast.http.internal.IdleConnections}, closed after {@code idle-timeout}), {@link
 * dev.ballast.http.internal.ResponseHeaders} (a response's headers, copied only when read), {@link
 * dev.ballast.http.internal.ServiceIsolation} (a service's Resilience4j circuit breaker and {@link
 * dev.ballast.http.internal.ServiceBulkhead}) and {@link
 * dev.ballast.http.internal.PropertiesBinder} (the {@code ballast.http.*} keys, bound to a {@link
 * dev.ballast.http.internal.BoundProperties} value: internal classes never refer to the public
 * {@code BallastHttpClient}, which depends on them). Micrometer, and resilience4j-micrometer, are
 * referenced only by {@link dev.ballast.http.internal.MicrometerClientMetrics}.
 */
@NullMarked
package dev.ballast.http.internal;

import org.jspecify.annotations.NullMarked;
