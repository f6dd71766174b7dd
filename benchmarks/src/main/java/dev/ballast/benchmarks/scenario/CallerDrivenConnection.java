package dev.ballast.benchmarks.scenario;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A prototype of caller-driven I/O for a blocking call (issue 12 §11): one keep-alive HTTP/1.1
 * connection on a Netty 4.2 {@link ManualIoEventLoop} owned by the thread that created it. {@link
 * #get} writes the request on that thread (no task for another loop, no wake-up) and then runs the
 * loop itself, sleeping in {@code epoll_wait} until its response is read: one thread sleeps and
 * wakes per call, where a hand-off to a shared event loop costs two (the caller parks, the loop is
 * woken to write, the loop unparks the caller).
 *
 * <p>Not thread-safe: created, used and closed by one thread (a manual loop's owner is fixed).
 * Linux only (epoll); no timeouts, retries or pooling — it measures the floor of the design, not a
 * client.
 */
// writeAndFlush/close futures: a failure closes the channel, which get() reports as an error.
@SuppressWarnings("FutureReturnValueIgnored")
final class CallerDrivenConnection implements AutoCloseable {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ManualIoEventLoop loop;
  private final Channel channel;
  private final String hostHeader;
  private int status = -1;

  /** Connects to {@code host:port}; the calling thread owns the connection from now on. */
  CallerDrivenConnection(String host, int port) {
    loop = new ManualIoEventLoop(Thread.currentThread(), EpollIoHandler.newFactory());
    hostHeader = host + ":" + port;
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(EpollSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpResponse r) {
                                status = r.status().code();
                              }
                            });
                  }
                });
    ChannelFuture f = b.connect(host, port);
    runUntil(f::isDone, "connecting to " + hostHeader);
    if (!f.isSuccess()) {
      terminate();
      throw new IllegalStateException("connecting to " + hostHeader + " failed", f.cause());
    }
    channel = f.channel();
  }

  /** Sends {@code GET path} and returns the response's status. The owning thread only. */
  int get(String path) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    request.headers().set(HttpHeaderNames.HOST, hostHeader);
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    status = -1;
    channel.writeAndFlush(request);
    runUntil(() -> status >= 0 || !channel.isActive(), "GET " + path);
    if (status < 0) {
      throw new IllegalStateException("GET " + path + ": connection closed before the response");
    }
    return status;
  }

  private void runUntil(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + MAX_WAIT_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(what + ": no answer within 10 s");
      }
      loop.run(WAIT_NANOS);
    }
  }

  /** Closes the connection and the loop. The owning thread only. */
  @Override
  public void close() {
    channel.close();
    terminate();
  }

  /** Shuts the loop down and runs it until it has closed its channels and its epoll file. */
  private void terminate() {
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + MAX_WAIT_NANOS;
    while (!loop.isTerminated() && System.nanoTime() - deadline < 0) {
      loop.run(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
