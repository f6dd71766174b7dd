/**
 * Ballast's HTTP client: calls to a logical service are routed to one of its instances through
 * lb-core (zone-aware, health-checked, load-aware), retried on a different instance when that is
 * safe, and optionally hedged.
 *
 * <p>Start with {@link dev.ballast.http.BallastHttpClient#fromProperties(java.util.Properties)} or
 * {@link dev.ballast.http.BallastHttpClient#builder()}, then {@link
 * dev.ballast.http.BallastHttpClient#send(ServiceRequest)} a {@link
 * dev.ballast.http.ServiceRequest} and read the {@link dev.ballast.http.ServiceResponse}. A call
 * that obtained no response at all throws {@link dev.ballast.http.BallastHttpException}.
 */
@NullMarked
package dev.ballast.http;

import org.jspecify.annotations.NullMarked;
