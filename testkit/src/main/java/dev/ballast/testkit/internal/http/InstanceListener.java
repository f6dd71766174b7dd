package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of one {@link NettyHttpInstance}: its server channel on {@code host:port}, the
 * connections it accepted, and the bind generation that makes a connection accepted under an older
 * bind close itself. {@link #start()} and {@link #stop()} block; the owning instance serializes
 * them, and they must not be called from an event loop thread.
 */
final class InstanceListener {

  // The instance's logger, so that one logger setting still covers an instance's whole life.
  private static final Logger log = LoggerFactory.getLogger(NettyHttpInstance.class);

  /** Largest request body an instance accepts (larger ones get 413). */
  private static final int MAX_CONTENT_BYTES = 1 << 20;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final NettyHttpInstance owner;
  private final String host;
  private final EventLoopGroup group;
  private final AtomicLong connectionIds = new AtomicLong();
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

  // Bumped by every start and stop; a connection accepted under an older bind closes itself, which
  // closes the race between stop() listing the connections and one still being registered.
  private volatile int generation;

  private volatile @Nullable Channel serverChannel;
  private volatile int port;

  InstanceListener(NettyHttpInstance owner, String host, int port, EventLoopGroup group) {
    this.owner = owner;
    this.host = requireNonNull(host, "host");
    this.port = port;
    this.group = requireNonNull(group, "group");
  }

  int port() {
    return port;
  }

  boolean isListening() {
    return serverChannel != null;
  }

  int activeConnections() {
    return connections.size();
  }

  /** Binds {@code host:port} unless already listening; the first bind of port 0 fixes the port. */
  void start() {
    if (serverChannel != null) {
      return;
    }
    int bindGeneration = ++generation;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            // Rebinding the same port after stop() must not wait for TIME_WAIT connections.
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    accept(channel, bindGeneration);
                  }
                });
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IllegalStateException(
          "port: " + port + " (expected: free to bind for instance " + owner.id() + ")",
          bound.cause());
    }
    Channel channel = bound.channel();
    port = ((InetSocketAddress) channel.localAddress()).getPort();
    serverChannel = channel;
    log.debug("Instance {} listening on {}", owner.id(), owner.endpointSpec());
  }

  private void accept(SocketChannel channel, int bindGeneration) {
    connections.add(channel);
    channel.closeFuture().addListener(f -> connections.remove(channel));
    if (bindGeneration != generation) {
      channel.close();
      return;
    }
    channel
        .pipeline()
        .addLast(new HttpServerCodec())
        .addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES))
        .addLast(new InstanceChannelHandler(owner, connectionIds.incrementAndGet()));
  }

  /**
   * Closes the server channel and every connection, waiting (bounded) until the port no longer
   * listens; does nothing when not listening.
   */
  void stop() {
    Channel channel = serverChannel;
    if (channel == null) {
      return;
    }
    generation++;
    serverChannel = null;
    List<ChannelFuture> closing = new ArrayList<>();
    closing.add(channel.close());
    for (Channel connection : connections) {
      closing.add(connection.close());
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    for (ChannelFuture future : closing) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!future.awaitUninterruptibly(left / 1_000_000L)) {
        log.warn(
            "Instance {}: {} did not close within {}", owner.id(), future.channel(), CLOSE_TIMEOUT);
      }
    }
    awaitListenerClosed(deadline);
    log.debug("Instance {} stopped", owner.id());
  }

  // A NIO server channel registered with a selector keeps listening until the event loop's next
  // select deregisters it, after the close future has completed; a connect in that window would
  // still succeed. Binding a plain (never listening) socket to the port fails exactly while a
  // listener holds it, so it tells when the port really stopped accepting.
  private void awaitListenerClosed(long deadlineNanos) {
    while (true) {
      try (Socket probe = new Socket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port));
        return;
      } catch (IOException stillListening) {
        if (System.nanoTime() - deadlineNanos > 0) {
          log.warn(
              "Instance {}: port {} still listening {} after stop",
              owner.id(),
              port,
              CLOSE_TIMEOUT);
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
  }
}
