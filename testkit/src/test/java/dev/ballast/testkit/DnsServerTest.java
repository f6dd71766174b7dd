package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DNS server answers what the test set, as a real resolver (Netty's) reads it. */
class DnsServerTest {
  private static DnsServer dns;
  private static EventLoopGroup group;
  private static DnsNameResolver resolver;

  @BeforeAll
  static void start() {
    dns = DnsServer.builder().build();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    resolver =
        new DnsNameResolverBuilder(group.next())
            .datagramChannelType(NioDatagramChannel.class)
            .socketChannelType(NioSocketChannel.class)
            .nameServerProvider(new SingletonDnsServerAddressStreamProvider(dns.address()))
            .queryTimeoutMillis(500)
            .build();
  }

  @AfterAll
  static void stop() {
    resolver.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    dns.close();
  }

  @BeforeEach
  void reset() {
    dns.clear().behaviour(DnsServer.Behaviour.ANSWER).authoritative(true).truncateUdp(false);
  }

  /** What one query got: response code, AA flag, and each answer as ttl + text. */
  private record Answer(DnsResponseCode code, boolean authoritative, List<String> records) {}

  private static Answer ask(String name, DnsRecordType type) throws Exception {
    Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f =
        resolver.query(new DefaultDnsQuestion(name, type)).await();
    if (!f.isSuccess()) {
      throw (Exception) f.cause();
    }
    AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = f.getNow();
    try {
      DnsResponse r = envelope.content();
      List<String> records = new ArrayList<>();
      for (int i = 0; i < r.count(DnsSection.ANSWER); i++) {
        DnsRecord rec = r.recordAt(DnsSection.ANSWER, i);
        records.add(rec.timeToLive() + " " + text(rec));
      }
      return new Answer(r.code(), r.isAuthoritativeAnswer(), records);
    } finally {
      envelope.release();
    }
  }

  private static String text(DnsRecord rec) throws Exception {
    ByteBuf c = ((DnsRawRecord) rec).content().duplicate();
    if (rec.type() == DnsRecordType.SRV) {
      int priority = c.readUnsignedShort();
      int weight = c.readUnsignedShort();
      int port = c.readUnsignedShort();
      return priority + " " + weight + " " + port + " " + DefaultDnsRecordDecoder.decodeName(c);
    }
    byte[] bytes = new byte[c.readableBytes()];
    c.readBytes(bytes);
    return InetAddress.getByAddress(bytes).getHostAddress();
  }

  @Test
  void answersTheRecordsSetAndFollowsChanges() throws Exception {
    long before = dns.questions("orders.test", "A");
    long beforeAaaa = dns.questions("orders.test", "AAAA");
    dns.a("orders.test", 1, "127.0.0.2", "127.0.0.3");
    assertThat(ask("orders.test", DnsRecordType.A))
        .isEqualTo(
            new Answer(DnsResponseCode.NOERROR, true, List.of("1 127.0.0.2", "1 127.0.0.3")));
    dns.a("ORDERS.test.", 30, "127.0.0.4");
    assertThat(ask("orders.TEST", DnsRecordType.A).records()).containsExactly("30 127.0.0.4");
    dns.aaaa("orders.test", 5, "::1");
    assertThat(ask("orders.test", DnsRecordType.AAAA).records())
        .containsExactly("5 0:0:0:0:0:0:0:1");
    assertThat(dns.questions("orders.test", "A") - before).isEqualTo(2);
    assertThat(dns.questions("Orders.Test.", "AAAA") - beforeAaaa).isEqualTo(1);
  }

  @Test
  void answersSrvRecordsWithPriorityWeightPortAndTarget() throws Exception {
    dns.srv(
        "_http._tcp.orders.test",
        7,
        new SrvRecord(0, 10, 8080, "a1.orders.test"),
        new SrvRecord(1, 0, 9090, "b1.orders.test."));
    assertThat(ask("_http._tcp.orders.test", DnsRecordType.SRV).records())
        .containsExactly("7 0 10 8080 a1.orders.test.", "7 1 0 9090 b1.orders.test.");
  }

  @Test
  void tellsNoDataFromNoSuchNameAndCarriesTheAuthoritativeFlag() throws Exception {
    dns.a("orders.test", 1, "127.0.0.2");
    assertThat(ask("orders.test", DnsRecordType.AAAA))
        .isEqualTo(new Answer(DnsResponseCode.NOERROR, true, List.of()));
    dns.a("orders.test", 1);
    assertThat(ask("orders.test", DnsRecordType.A))
        .isEqualTo(new Answer(DnsResponseCode.NOERROR, true, List.of()));
    assertThat(ask("nothing.test", DnsRecordType.A))
        .isEqualTo(new Answer(DnsResponseCode.NXDOMAIN, true, List.of()));
    dns.authoritative(false);
    assertThat(ask("orders.test", DnsRecordType.A).authoritative()).isFalse();
    dns.remove("orders.test");
    assertThat(ask("orders.test", DnsRecordType.A).code()).isEqualTo(DnsResponseCode.NXDOMAIN);
  }

  @Test
  void failsOrFallsSilentWhenTold() throws Exception {
    dns.a("failing.test", 1, "127.0.0.2");
    dns.behaviour(DnsServer.Behaviour.SERVFAIL);
    assertThat(ask("failing.test", DnsRecordType.A).code()).isEqualTo(DnsResponseCode.SERVFAIL);
    dns.behaviour(DnsServer.Behaviour.SILENT);
    assertThatThrownBy(() -> ask("failing.test", DnsRecordType.A))
        .isInstanceOf(DnsNameResolverTimeoutException.class);
    assertThat(dns.questions("failing.test", "A")).isEqualTo(2);
    dns.behaviour(DnsServer.Behaviour.ANSWER);
    assertThat(ask("failing.test", DnsRecordType.A).records()).containsExactly("1 127.0.0.2");
  }

  @Test
  void aTruncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
    dns.a("big.test", 3, "127.0.0.2").truncateUdp(true);
    long tcp = dns.tcpQuestions();
    assertThat(ask("big.test", DnsRecordType.A).records()).containsExactly("3 127.0.0.2");
    assertThat(dns.tcpQuestions()).isEqualTo(tcp + 1);
    assertThat(dns.questions("big.test", "A")).as("once over UDP, once over TCP").isEqualTo(2);
  }

  @Test
  void rejectsWhatIsNotALiteralOrNotLoopback() {
    assertThatThrownBy(() -> dns.a("x.test", 1, "::1"))
        .hasMessage("address: '::1' (expected: an IPv4 address literal)");
    assertThatThrownBy(() -> dns.aaaa("x.test", 1, "localhost"))
        .hasMessage("address: 'localhost' (expected: an IPv6 address literal)");
    assertThatThrownBy(() -> dns.a("x.test", -1)).hasMessage("ttl: -1 (expected: >= 0 seconds)");
    assertThatThrownBy(() -> DnsServer.builder().host("10.0.0.1"))
        .hasMessage("host: '10.0.0.1' (expected: a loopback IP address literal such as 127.0.0.1)");
    assertThatThrownBy(() -> new SrvRecord(0, 70000, 80, "a.test"))
        .hasMessage("weight: 70000 (expected: 0..65535)");
  }
}
