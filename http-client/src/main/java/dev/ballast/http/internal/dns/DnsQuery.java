package dev.ballast.http.internal.dns;

import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One question to the DNS server and its answer, read while the response buffer is still held: the
 * records of the asked type in the answer section (a recursive server puts them after the CNAME
 * chain that led to them), the smallest TTL in the answer section, and the authoritative-answer
 * flag. NXDOMAIN, any code but NOERROR, and no answer at all complete the future with a {@link
 * DnsProblem}. Stateless; the futures complete on the resolver's event loop.
 */
final class DnsQuery {
  /**
   * What an answer holds.
   *
   * @param records the decoded records of the asked type, in answer order
   * @param ttlSeconds the smallest TTL in the answer section; {@link Long#MAX_VALUE} when empty
   * @param authoritative whether the server answered with authority for the name (AA flag)
   */
  record Answer<T>(List<T> records, long ttlSeconds, boolean authoritative) {}

  private DnsQuery() {}

  /**
   * Asks {@code name}/{@code type}; {@code decoder} reads one record's data (the buffer is released
   * right after) and throws {@link IllegalArgumentException} for malformed data.
   */
  static <T> CompletableFuture<Answer<T>> ask(
      DnsNameResolver resolver,
      String name,
      DnsRecordType type,
      Function<DnsRawRecord, T> decoder) {
    CompletableFuture<Answer<T>> result = new CompletableFuture<>();
    Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f;
    try {
      f = resolver.query(new DefaultDnsQuestion(name, type));
    } catch (RuntimeException e) {
      result.completeExceptionally(unanswered(name, type, "query not sent: " + e, e));
      return result;
    }
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            Throwable cause = done.cause();
            result.completeExceptionally(
                unanswered(name, type, "no answer: " + String.valueOf(cause.getMessage()), cause));
            return;
          }
          @SuppressWarnings("unchecked")
          AddressedEnvelope<DnsResponse, InetSocketAddress> envelope =
              (AddressedEnvelope<DnsResponse, InetSocketAddress>) done.getNow();
          try {
            result.complete(read(envelope, name, type, decoder));
          } catch (DnsProblem p) {
            result.completeExceptionally(p);
          } catch (RuntimeException e) {
            result.completeExceptionally(
                unanswered(name, type, "malformed answer from " + envelope.sender() + ": " + e, e));
          } finally {
            envelope.release();
          }
        });
    return result;
  }

  private static <T> Answer<T> read(
      AddressedEnvelope<DnsResponse, InetSocketAddress> envelope,
      String name,
      DnsRecordType type,
      Function<DnsRawRecord, T> decoder)
      throws DnsProblem {
    DnsResponse response = envelope.content();
    DnsResponseCode code = response.code();
    if (code == DnsResponseCode.NXDOMAIN) {
      throw new DnsProblem(
          DnsProblem.Kind.NO_SUCH_NAME,
          type.name() + " " + name + ": NXDOMAIN from " + server(envelope) + " (no such name)",
          null);
    }
    if (code != DnsResponseCode.NOERROR) {
      throw unanswered(name, type, codeName(code) + " from " + server(envelope), null);
    }
    List<T> records = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    int count = response.count(DnsSection.ANSWER);
    for (int i = 0; i < count; i++) {
      DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
      ttl = Math.min(ttl, r.timeToLive());
      if (r.type() == type && r instanceof DnsRawRecord raw) {
        records.add(decoder.apply(raw));
      }
    }
    return new Answer<>(List.copyOf(records), ttl, response.isAuthoritativeAnswer());
  }

  // The names of RFC 1035/2136, as dig prints them; Netty's toString reads "ServFail(2)".
  private static String codeName(DnsResponseCode code) {
    return switch (code.intValue()) {
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      default -> "response code " + code.intValue();
    };
  }

  private static String server(AddressedEnvelope<DnsResponse, InetSocketAddress> envelope) {
    InetSocketAddress s = envelope.sender();
    return s == null ? "the DNS server" : s.getAddress().getHostAddress() + ":" + s.getPort();
  }

  static DnsProblem unanswered(
      String name, DnsRecordType type, String why, @org.jspecify.annotations.Nullable Throwable c) {
    return new DnsProblem(DnsProblem.Kind.UNANSWERED, type.name() + " " + name + ": " + why, c);
  }
}
