package dev.ballast.testkit.internal.dns;

import dev.ballast.testkit.internal.http.FarmEventLoop;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sockets and the thread of one DNS server: a UDP channel on {@code host:port} and a TCP
 * listener on the same port, both ending in one {@link QueryHandler}, served by one daemon thread
 * named {@code ballast-dns-<n>}. A bind that fails releases what was bound and the thread before it
 * throws; {@link #close()} releases them all and is idempotent.
 */
public final class DnsListeners implements AutoCloseable {

  private static final AtomicInteger SERVERS = new AtomicInteger();
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  private static final int EPHEMERAL_ATTEMPTS = 10;

  private final FarmEventLoop loop;
  private final Channel channel;
  private final Channel tcpChannel;

  /**
   * Binds UDP, then TCP on the port UDP got. With {@code port} 0 the ephemeral port UDP got may
   * already be taken for TCP by another process: then both are released and another ephemeral port
   * is tried, up to {@value #EPHEMERAL_ATTEMPTS} times.
   *
   * @param host the loopback address literal to listen on
   * @param port the UDP port, 0 for an ephemeral one
   * @param handler answers every query, from both sockets
   * @throws IllegalStateException {@code port: <port> (expected: a UDP|TCP port free to bind on
   *     <host>)} when a bind fails
   */
  public DnsListeners(String host, int port, QueryHandler handler) {
    loop = new FarmEventLoop(1, "ballast-dns-" + SERVERS.incrementAndGet());
    int attempts = port == 0 ? EPHEMERAL_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      Channel udp = bindUdp(host, port, handler);
      int udpPort = ((InetSocketAddress) udp.localAddress()).getPort();
      // TCP on the same port, where a client asks again after a truncated UDP answer.
      ChannelFuture tcp = bindTcp(new InetSocketAddress(host, udpPort), handler);
      if (tcp.isSuccess()) {
        channel = udp;
        tcpChannel = tcp.channel();
        return;
      }
      udp.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
      if (attempt == attempts) {
        loop.shutdown(SHUTDOWN_TIMEOUT);
        throw new IllegalStateException(
            "port: " + udpPort + " (expected: a TCP port free to bind on " + host + ")",
            tcp.cause());
      }
    }
  }

  private Channel bindUdp(String host, int port, QueryHandler handler) {
    ChannelFuture bound =
        new Bootstrap()
            .group(loop.group())
            .channel(NioDatagramChannel.class)
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(new DatagramDnsQueryDecoder())
                        .addLast(new DatagramDnsResponseEncoder())
                        .addLast(handler);
                  }
                })
            .bind(new InetSocketAddress(host, port))
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      loop.shutdown(SHUTDOWN_TIMEOUT);
      throw new IllegalStateException(
          "port: " + port + " (expected: a UDP port free to bind on " + host + ")", bound.cause());
    }
    return bound.channel();
  }

  private ChannelFuture bindTcp(InetSocketAddress address, QueryHandler handler) {
    return new ServerBootstrap()
        .group(loop.group())
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new TcpDnsQueryDecoder())
                    .addLast(new TcpDnsResponseEncoder())
                    .addLast(handler);
              }
            })
        .bind(address)
        .awaitUninterruptibly();
  }

  /** {@return the address the UDP channel, and so the TCP listener, is bound to} */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Closes both sockets and ends the thread, each wait bounded; idempotent. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    tcpChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    loop.shutdown(SHUTDOWN_TIMEOUT);
  }
}
