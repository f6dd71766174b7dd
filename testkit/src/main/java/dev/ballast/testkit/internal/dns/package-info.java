/**
 * Implementation of the testkit's DNS server: {@link dev.ballast.testkit.internal.dns.Zone} (the
 * records a test sets and the answer each question gets) and {@link
 * dev.ballast.testkit.internal.dns.QueryHandler} (the UDP pipeline's last handler). Not API: use
 * {@link dev.ballast.testkit.DnsServer}.
 */
@NullMarked
package dev.ballast.testkit.internal.dns;

import org.jspecify.annotations.NullMarked;
