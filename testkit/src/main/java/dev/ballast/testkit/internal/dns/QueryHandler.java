package dev.ballast.testkit.internal.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers each query, over UDP or TCP, from a {@link Zone}, or with {@code SERVFAIL}, or not at
 * all, as the server's current behaviour says; counts every question by name and type (answered or
 * not) and the questions that came over TCP. When told to truncate, a UDP answer carries only the
 * TC flag, so a client must ask again over TCP, as it does for an answer too large for a datagram.
 */
@ChannelHandler.Sharable
public final class QueryHandler extends SimpleChannelInboundHandler<DnsQuery> {
  /** What the server does with a query. */
  public enum Behaviour {
    /** Answers from the zone. */
    ANSWER,
    /** Answers {@code SERVFAIL} (the server cannot answer now). */
    SERVFAIL,
    /** Drops the query: the client times out, as with a server that is down. */
    SILENT
  }

  private final Zone zone;
  private final Supplier<Behaviour> behaviour;
  private final Supplier<Boolean> authoritative;
  private final Supplier<Boolean> truncateUdp;
  private final Map<String, AtomicLong> questions = new ConcurrentHashMap<>();
  private final AtomicLong tcpQuestions = new AtomicLong();

  /** A handler answering from {@code zone} as the suppliers say at each query. */
  public QueryHandler(
      Zone zone,
      Supplier<Behaviour> behaviour,
      Supplier<Boolean> authoritative,
      Supplier<Boolean> truncateUdp) {
    this.zone = zone;
    this.behaviour = behaviour;
    this.authoritative = authoritative;
    this.truncateUdp = truncateUdp;
  }

  /** Questions that came over TCP. */
  public long tcpQuestions() {
    return tcpQuestions.get();
  }

  /** Questions seen for {@code name} (any case, dot or not) and {@code type}, e.g. {@code SRV}. */
  public long questions(String name, String type) {
    AtomicLong n = questions.get(Zone.canonical(name) + " " + type);
    return n == null ? 0 : n.get();
  }

  /** Every question seen. */
  public long questions() {
    return questions.values().stream().mapToLong(AtomicLong::get).sum();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
    if (query.count(DnsSection.QUESTION) != 1) {
      return;
    }
    boolean udp = query instanceof DatagramDnsQuery;
    DnsQuestion q = query.recordAt(DnsSection.QUESTION);
    questions
        .computeIfAbsent(Zone.canonical(q.name()) + " " + q.type().name(), k -> new AtomicLong())
        .incrementAndGet();
    if (!udp) {
      tcpQuestions.incrementAndGet();
    }
    Behaviour now = behaviour.get();
    if (now == Behaviour.SILENT) {
      return;
    }
    DnsResponse response =
        udp
            ? new DatagramDnsResponse(
                ((DatagramDnsQuery) query).recipient(),
                ((DatagramDnsQuery) query).sender(),
                query.id())
            : new DefaultDnsResponse(query.id());
    response.setRecursionDesired(query.isRecursionDesired());
    response.setRecursionAvailable(true);
    response.setAuthoritativeAnswer(authoritative.get());
    response.addRecord(DnsSection.QUESTION, q);
    if (now == Behaviour.SERVFAIL) {
      response.setCode(DnsResponseCode.SERVFAIL);
    } else if (udp && truncateUdp.get()) {
      response.setTruncated(true);
    } else {
      List<DnsRecord> answers = new ArrayList<>();
      response.setCode(zone.answer(q.name(), q.type(), answers));
      for (DnsRecord r : answers) {
        response.addRecord(DnsSection.ANSWER, r);
      }
    }
    ctx.writeAndFlush(response);
  }
}
