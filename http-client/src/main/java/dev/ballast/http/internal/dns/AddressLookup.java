package dev.ballast.http.internal.dns;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The addresses of one name: its A and AAAA records, asked at once. Both answers are needed for a
 * complete set; when either fails the lookup fails (with the A problem first). Stateless.
 */
final class AddressLookup {
  /**
   * The addresses found.
   *
   * @param addresses distinct, A records first, in answer order
   * @param ttlSeconds the smallest TTL of both answers ({@link Long#MAX_VALUE} when both are empty)
   * @param authoritative whether both answers came with authority (AA)
   */
  record Addresses(List<InetAddress> addresses, long ttlSeconds, boolean authoritative) {}

  private AddressLookup() {}

  static CompletableFuture<Addresses> lookup(DnsNameResolver resolver, String name) {
    CompletableFuture<DnsQuery.Answer<InetAddress>> a =
        DnsQuery.ask(resolver, name, DnsRecordType.A, AddressLookup::address);
    CompletableFuture<DnsQuery.Answer<InetAddress>> aaaa =
        DnsQuery.ask(resolver, name, DnsRecordType.AAAA, AddressLookup::address);
    return CompletableFuture.allOf(a, aaaa)
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                throw new CompletionException(firstProblem(a, aaaa, failure));
              }
              DnsQuery.Answer<InetAddress> four = a.join();
              DnsQuery.Answer<InetAddress> six = aaaa.join();
              Set<InetAddress> all = new LinkedHashSet<>(four.records());
              all.addAll(six.records());
              return new Addresses(
                  new ArrayList<>(all),
                  Math.min(four.ttlSeconds(), six.ttlSeconds()),
                  four.authoritative() && six.authoritative());
            });
  }

  private static Throwable firstProblem(
      CompletableFuture<?> a, CompletableFuture<?> aaaa, Throwable fallback) {
    for (CompletableFuture<?> f : List.of(a, aaaa)) {
      if (f.isCompletedExceptionally()) {
        try {
          f.join();
        } catch (CompletionException e) {
          return e.getCause() != null ? e.getCause() : e;
        }
      }
    }
    return fallback;
  }

  private static InetAddress address(DnsRawRecord record) {
    ByteBuf c = record.content();
    int length = c.readableBytes();
    if (length != 4 && length != 16) {
      throw new IllegalArgumentException(
          record.type().name() + " record of " + length + " bytes (expected: 4 or 16)");
    }
    byte[] bytes = new byte[length];
    c.getBytes(c.readerIndex(), bytes);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
