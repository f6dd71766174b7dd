/**
 * Implementation of the testkit's DNS server: {@link dev.ballast.testkit.internal.dns.Zone} (the
 * records a test sets and the answer each question gets), {@link
 * dev.ballast.testkit.internal.dns.QueryHandler} (the UDP and TCP pipelines' last handler) and
 * {@link dev.ballast.testkit.internal.dns.DnsListeners} (the sockets and the thread). Not API: use
 * {@link dev.ballast.testkit.DnsServer}.
 */
@NullMarked
package dev.ballast.testkit.internal.dns;

import org.jspecify.annotations.NullMarked;
