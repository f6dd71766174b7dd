package dev.ballast.benchmarks.scenario;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server of the separate-process overhead comparison: a minimal Netty HTTP/1.1 server on
 * 127.0.0.1 that answers every request with the same small 200 response, keep-alive. Started by
 * {@link ServerProcess} as {@code java -cp <classpath> dev.ballast.benchmarks.scenario
 * .OverheadServerMain <port> [ioThreads]}; prints {@code LISTENING <port>} once bound (port 0 picks
 * a free one) and exits when its standard input closes, so it cannot outlive its parent.
 */
public final class OverheadServerMain {
  /** The line printed once the server listens, followed by the port. */
  static final String READY = "LISTENING ";

  private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

  private OverheadServerMain() {}

  /** Entry point: {@code <port> [ioThreads]}; exits 2 on a bad argument. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("arguments: " + String.join(" ", args) + " (expected: PORT [IO_THREADS])");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int threads = args.length == 2 ? Integer.parseInt(args[1]) : 1;
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpServerKeepAliveHandler())
                          .addLast(new HttpObjectAggregator(1 << 16))
                          .addLast(new FixedResponder());
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      System.out.println(READY + ((InetSocketAddress) server.localAddress()).getPort());
      System.out.flush();
      // The parent holds our stdin: end of stream means the parent is gone or done with us.
      InputStream in = System.in;
      while (in.read() >= 0) {
        // Nothing is sent on stdin; reading only waits for its end.
      }
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  private static final class FixedResponder extends SimpleChannelInboundHandler<HttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
      ByteBuf body = Unpooled.wrappedBuffer(BODY);
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
      HttpUtil.setContentLength(response, BODY.length);
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
      ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
