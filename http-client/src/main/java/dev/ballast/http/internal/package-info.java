/**
 * Implementation of the HTTP client; not API. Starting points: {@link
 * dev.ballast.http.internal.ClientCore} (one client: event loops, services, active calls), {@link
 * dev.ballast.http.internal.Call} (one call: pick, retries, hedging, the failure message), {@link
 * dev.ballast.http.internal.Attempt} (one exchange on one connection), {@link
 * dev.ballast.http.internal.EndpointPool} (per-endpoint keep-alive pool of {@link
 * dev.ballast.http.internal.PooledConnection}s, confined to one event loop, idle ones closed after
 * {@code idle-timeout}), {@link dev.ballast.http.internal.ResponseHeaders} (a response's headers,
 * copied only when read), {@link dev.ballast.http.internal.ServiceIsolation} (a service's
 * Resilience4j bulkhead and circuit breaker) and {@link dev.ballast.http.internal.PropertiesBinder}
 * (the {@code ballast.http.*} keys, bound to a {@link dev.ballast.http.internal.BoundProperties}
 * value: internal classes never refer to the public {@code BallastHttpClient}, which depends on
 * them). Micrometer, and resilience4j-micrometer, are referenced only by {@link
 * dev.ballast.http.internal.MicrometerClientMetrics}.
 */
@NullMarked
package dev.ballast.http.internal;

import org.jspecify.annotations.NullMarked;
