package dev.ballast.testkit.internal.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers each UDP query from a {@link Zone}, or with {@code SERVFAIL}, or not at all, as the
 * server's current behaviour says; counts every question by name and type (answered or not).
 */
@ChannelHandler.Sharable
public final class QueryHandler extends SimpleChannelInboundHandler<DatagramDnsQuery> {
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
  private final Map<String, AtomicLong> questions = new ConcurrentHashMap<>();

  /** A handler answering from {@code zone} as {@code behaviour} says at each query. */
  public QueryHandler(Zone zone, Supplier<Behaviour> behaviour, Supplier<Boolean> authoritative) {
    this.zone = zone;
    this.behaviour = behaviour;
    this.authoritative = authoritative;
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
  protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
    if (query.count(DnsSection.QUESTION) != 1) {
      return;
    }
    DnsQuestion q = query.recordAt(DnsSection.QUESTION);
    questions
        .computeIfAbsent(Zone.canonical(q.name()) + " " + q.type().name(), k -> new AtomicLong())
        .incrementAndGet();
    Behaviour now = behaviour.get();
    if (now == Behaviour.SILENT) {
      return;
    }
    DatagramDnsResponse response =
        new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
    response.setRecursionDesired(query.isRecursionDesired());
    response.setRecursionAvailable(true);
    response.setAuthoritativeAnswer(authoritative.get());
    response.addRecord(DnsSection.QUESTION, q);
    if (now == Behaviour.SERVFAIL) {
      response.setCode(DnsResponseCode.SERVFAIL);
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
