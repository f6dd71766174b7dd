/**
 * DNS discovery, built into the HTTP client: {@link
 * dev.ballast.http.internal.dns.DnsSourceProvider} ({@code discovery=dns}, A/AAAA records) and
 * {@link dev.ballast.http.internal.dns.DnsSrvSourceProvider} ({@code discovery=dns-srv}, SRV
 * records), both registered for {@link java.util.ServiceLoader}. Start at {@link
 * dev.ballast.http.internal.dns.DnsDiscovery} (resolver and lifecycle), {@link
 * dev.ballast.http.internal.dns.Refresher} (TTL schedule and errors) and {@link
 * dev.ballast.http.internal.dns.DnsKeys} (the keys). Not API: the keys are.
 */
@NullMarked
package dev.ballast.http.internal.dns;

import org.jspecify.annotations.NullMarked;
