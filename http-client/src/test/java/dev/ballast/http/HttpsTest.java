package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code https} endpoints over a real TLS server on loopback. Its self-signed certificate (EC
 * P-256, CN=localhost, SAN 127.0.0.1, valid 100 years, store password {@code changeit}) was made
 * once with the JDK's keytool and is kept in {@code src/test/resources/tls/server.p12}, which saves
 * a keytool run per build and needs no BouncyCastle.
 */
class HttpsTest {
  private static EventLoopGroup group;
  private static Channel server;
  private static Channel otherAddress;
  private static int port;
  private static int otherPort;
  private static Path serverCertificate;

  @BeforeAll
  static void startTlsServer() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = HttpsTest.class.getResourceAsStream("/tls/server.p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SslContext ssl = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ServerBootstrap boot =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(ssl.newHandler(ch.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpRequest>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpRequest req) {
                                FullHttpResponse r =
                                    new DefaultFullHttpResponse(
                                        HttpVersion.HTTP_1_1,
                                        HttpResponseStatus.OK,
                                        Unpooled.copiedBuffer("secure", StandardCharsets.UTF_8));
                                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 6);
                                ctx.writeAndFlush(r);
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                ctx.close(); // the untrusted-certificate test makes handshakes fail
                              }
                            });
                  }
                });
    server = boot.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
    // The same server on another loopback address, one its certificate does not name (Linux
    // routes all of 127/8 to the loopback interface).
    otherAddress = boot.bind(new InetSocketAddress("127.0.0.2", 0)).sync().channel();
    otherPort = ((InetSocketAddress) otherAddress.localAddress()).getPort();
    serverCertificate = Files.createTempFile("ballast-server-cert", ".pem");
    X509Certificate cert = (X509Certificate) ks.getCertificate("server");
    Files.writeString(
        serverCertificate,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
  }

  @AfterAll
  static void stopTlsServer() {
    server.close().syncUninterruptibly();
    otherAddress.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterAll
  static void deleteCertificate() throws Exception {
    Files.deleteIfExists(serverCertificate);
  }

  private static Properties props(String... extra) {
    Properties p = TestSupport.props(extra);
    p.setProperty("ballast.http.services.secure.endpoints", "https://127.0.0.1:" + port);
    return p;
  }

  @Test
  void callsHttpsEndpointsOverTls() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props("ballast.http.services.secure.tls.insecure-trust-all", "true"))) {
      for (int i = 0; i < 3; i++) {
        ServiceResponse r = client.send(ServiceRequest.get("secure", "/tls").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("secure");
        assertThat(r.endpoint().metadata()).containsEntry("scheme", "https");
      }
    }
  }

  @Test
  void rejectsAnUntrustedCertificateByDefault() {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props())) {
      assertThatThrownBy(() -> client.send(ServiceRequest.get("secure", "/tls").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("attempt 1: 127.0.0.1:" + port + ": connect failed:");
    }
  }

  @Test
  void trustsAServerWhoseCertificateIsInTheConfiguredPemFile() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props(
                "ballast.http.services.secure.tls.trust-certificates",
                serverCertificate.toString()))) {
      ServiceResponse r = client.send(ServiceRequest.get("secure", "/tls").build());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsString()).isEqualTo("secure");
    }
  }

  @Test
  void defaultsTrustCertificatesApplyToEveryService() {
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props("ballast.http.defaults.tls.trust-certificates", serverCertificate.toString()))) {
      assertThat(client.send(ServiceRequest.get("secure", "/tls").build()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void rejectsAServerCertificateNotIssuedByTheTrustedCertificates() throws Exception {
    Path untrusted = Path.of(HttpsTest.class.getResource("/tls/untrusted-ca.pem").toURI());
    try (BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props("ballast.http.services.secure.tls.trust-certificates", untrusted.toString()))) {
      assertThatThrownBy(() -> client.send(ServiceRequest.get("secure", "/tls").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("attempt 1: 127.0.0.1:" + port + ": connect failed:")
          .hasMessageContaining("unable to find valid certification path");
    }
  }

  @Test
  void verifiesTheHostNameOfATrustedCertificate() {
    // Trusted certificate, but for 127.0.0.1 and localhost, not the 127.0.0.2 being called.
    Properties p =
        TestSupport.props(
            "ballast.http.services.secure.endpoints",
            "https://127.0.0.2:" + otherPort,
            "ballast.http.services.secure.tls.trust-certificates",
            serverCertificate.toString());
    try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
      assertThatThrownBy(() -> client.send(ServiceRequest.get("secure", "/tls").build()))
          .isInstanceOf(BallastHttpException.class)
          .hasMessageContaining("attempt 1: 127.0.0.2:" + otherPort + ": connect failed:")
          .hasMessageContaining("No subject alternative names matching IP address 127.0.0.2");
    }
  }
}
