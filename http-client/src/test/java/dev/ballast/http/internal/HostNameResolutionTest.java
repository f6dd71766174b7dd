package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.testkit.DnsServer;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host names go through Netty's asynchronous DNS resolver: every connect resolves (a reconnect asks
 * again once the answer's TTL ran out), an answer is reused within its TTL, and {@code localhost}
 * reaches a real instance. testkit's DNS server on loopback answers and counts the questions; the
 * blocking {@code InetAddress} lookup would never ask it.
 */
class HostNameResolutionTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("dns").instances(1));

  private static DnsServer dns;

  @BeforeAll
  static void startDnsServer() {
    dns =
        DnsServer.builder()
            .build()
            .a("ttl0.ballast.test", 0, "127.0.0.1")
            .a("ttl300.ballast.test", 300, "127.0.0.1");
  }

  @AfterAll
  static void stopDnsServer() {
    dns.close();
  }

  private static long asked(String name) {
    return dns.questions(name, "A");
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
    return new Transport(1, new SingletonDnsServerAddressStreamProvider(dns.address()));
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
