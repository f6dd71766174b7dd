package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host names go through Netty's asynchronous DNS resolver: every connect resolves (a reconnect asks
 * again once the answer's TTL ran out), an answer is reused within its TTL, and {@code localhost}
 * reaches a real instance. A small DNS server on loopback answers and counts the questions; the
 * blocking {@code InetAddress} lookup would never ask it.
 */
// Netty's close() futures are fire-and-forget in a test's clean-up.
@SuppressWarnings("FutureReturnValueIgnored")
class HostNameResolutionTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("dns").instances(1));

  private static EventLoopGroup dnsGroup;
  private static Channel dnsServer;
  private static final List<String> questions = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startDnsServer() throws InterruptedException {
    dnsGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    dnsServer =
        new Bootstrap()
            .group(dnsGroup)
            .channel(NioDatagramChannel.class)
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(new DatagramDnsQueryDecoder())
                        .addLast(new DatagramDnsResponseEncoder())
                        .addLast(new Answers());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  @AfterAll
  static void stopDnsServer() {
    dnsServer.close().syncUninterruptibly();
    dnsGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * Answers {@code ttl<N>.ballast.test.} with an A record 127.0.0.1 of TTL N seconds; anything else
   * (AAAA included) with no record.
   */
  private static final class Answers extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
      DnsQuestion q = query.recordAt(DnsSection.QUESTION);
      DatagramDnsResponse response =
          new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
      response.addRecord(DnsSection.QUESTION, q);
      if (q.type() == DnsRecordType.A && q.name().endsWith(".ballast.test.")) {
        questions.add(q.name());
        int ttl = Integer.parseInt(q.name().substring(3, q.name().indexOf('.')));
        response.addRecord(
            DnsSection.ANSWER,
            new DefaultDnsRawRecord(
                q.name(), DnsRecordType.A, ttl, Unpooled.wrappedBuffer(new byte[] {127, 0, 0, 1})));
      }
      ctx.writeAndFlush(response);
    }
  }

  private static long asked(String name) {
    return questions.stream().filter(n -> n.equals(name + ".")).count();
  }

  /** Connects twice through the transport's bootstrap, closing in between. */
  private static void connectTwice(Transport transport, String host, int port) {
    EventLoop loop = transport.next();
    Bootstrap b =
        transport.bootstrap(
            loop,
            Duration.ofSeconds(5),
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {}
            });
    for (int i = 0; i < 2; i++) {
      Channel ch =
          b.connect(InetSocketAddress.createUnresolved(host, port)).syncUninterruptibly().channel();
      assertThat(ch.isActive()).isTrue();
      assertThat(((InetSocketAddress) ch.remoteAddress()).getAddress().getHostAddress())
          .isEqualTo("127.0.0.1");
      ch.close().syncUninterruptibly();
    }
  }

  private static Transport transport() {
    return new Transport(
        1,
        new SingletonDnsServerAddressStreamProvider((InetSocketAddress) dnsServer.localAddress()));
  }

  @Test
  void aReconnectResolvesAgainOnceTheTtlRanOut() {
    Transport transport = transport();
    try {
      connectTwice(transport, "ttl0.ballast.test", farm.instance("i1").port());
    } finally {
      transport.shutdown(Duration.ofSeconds(5));
    }
    assertThat(asked("ttl0.ballast.test")).as("a TTL of 0 is never cached").isEqualTo(2);
  }

  @Test
  void anAnswerIsReusedWithinItsTtl() {
    Transport transport = transport();
    try {
      connectTwice(transport, "ttl300.ballast.test", farm.instance("i1").port());
    } finally {
      transport.shutdown(Duration.ofSeconds(5));
    }
    assertThat(asked("ttl300.ballast.test")).isEqualTo(1);
  }

  @Test
  void anEndpointGivenAsLocalhostIsCalledAfterItsServerRestarted() {
    HttpInstance i1 = farm.instance("i1");
    Properties p = new Properties();
    p.setProperty("ballast.http.services.local.endpoints", "http://localhost:" + i1.port());
    p.setProperty("ballast.http.services.local.retry.max-attempts", "3");
    try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
      for (int i = 0; i < 5; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("local", "/by-name").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.endpoint().host()).isEqualTo("localhost");
      }
      // The server drops every connection: the next call reconnects, resolving the name again.
      i1.stop();
      i1.start();
      ServiceResponse r = client.send(ServiceRequest.get("local", "/after-restart").build());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(i1.requestCount()).isEqualTo(6);
  }
}
