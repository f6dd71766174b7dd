package dev.ballast.benchmarks.scenario;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The floor for the HTTP overhead comparison: a bare Netty 4.2 HTTP/1.1 client with one keep-alive
 * connection per caller, no pool logic, routing, retries or metrics. Same event-loop transport as
 * Ballast's client (epoll when available). Each {@link Connection} is used by one thread at a time.
 */
final class RawNettyClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;

  RawNettyClient(int threads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(threads, io);
    bootstrap =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new ResponseHandler());
                  }
                });
  }

  /** Opens one keep-alive connection. */
  Connection connect(String host, int port) throws InterruptedException {
    Channel channel = bootstrap.connect(host, port).sync().channel();
    return new Connection(channel, host + ":" + port);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One connection; {@link #get} sends a GET and waits for the status. */
  static final class Connection implements AutoCloseable {
    private final Channel channel;
    private final String hostHeader;

    Connection(Channel channel, String hostHeader) {
      this.channel = channel;
      this.hostHeader = hostHeader;
    }

    /** Sends {@code GET path} and returns the response status. */
    int get(String path) throws Exception {
      return send(path).get(5, TimeUnit.SECONDS);
    }

    /**
     * Sends {@code GET path}; the future completes on the event loop with the status. One request
     * at a time per connection: the next may be sent once this one completed.
     */
    CompletableFuture<Integer> send(String path) {
      FullHttpRequest request =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
      request.headers().set(HttpHeaderNames.HOST, hostHeader);
      request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      CompletableFuture<Integer> result = new CompletableFuture<>();
      channel.attr(ResponseHandler.RESULT).set(result);
      channel.writeAndFlush(request);
      return result;
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
    }
  }

  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    static final io.netty.util.AttributeKey<CompletableFuture<Integer>> RESULT =
        io.netty.util.AttributeKey.valueOf("ballast-bench-result");

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<Integer> result = ctx.channel().attr(RESULT).getAndSet(null);
      if (result != null) {
        result.complete(response.status().code());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      CompletableFuture<Integer> result = ctx.channel().attr(RESULT).getAndSet(null);
      if (result != null) {
        result.completeExceptionally(cause);
      }
      ctx.close();
    }
  }
}
