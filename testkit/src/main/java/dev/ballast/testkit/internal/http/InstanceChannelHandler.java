package dev.ballast.testkit.internal.http;

import dev.ballast.testkit.HostileResponse;
import dev.ballast.testkit.HttpInstanceRequest;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one accepted connection of an instance: applies the instance's faults to each complete
 * request, records it, and writes the response now or later on this channel's event loop.
 *
 * <p>Confined to the channel's event loop, so its fields need no synchronization.
 */
final class InstanceChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(InstanceChannelHandler.class);

  private final NettyHttpInstance instance;
  private final long connectionId;

  // Delayed responses, in request order: HTTP/1.1 demands responses in that order even when a
  // random latency makes a later response due first.
  private final ArrayDeque<PendingResponse> pending = new ArrayDeque<>();
  private long lastWriteAtNanos = Long.MIN_VALUE;

  // Once a request went unanswered, answering a later one on the same connection would pair the
  // client's oldest outstanding request with the wrong response; so the whole connection hangs.
  private boolean hung;

  // Bumped by every request read and response written: an idle-close timer armed at an older value
  // finds the connection used since, and leaves it open.
  private long activity;

  InstanceChannelHandler(NettyHttpInstance instance, long connectionId) {
    this.instance = instance;
    this.connectionId = connectionId;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    armIdleClose(ctx);
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    activity++;
    long now = System.nanoTime();
    String method = request.method().name();
    String path = request.uri();
    boolean health = instance.isHealthPath(path);
    FaultState faults = instance.faults();

    if (faults.reset) {
      instance.record(now, method, path, HttpInstanceRequest.NO_RESPONSE, connectionId, health);
      // Linger 0 makes close() send RST instead of FIN: the client sees "connection reset".
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return;
    }
    if (faults.hang || hung) {
      instance.record(now, method, path, HttpInstanceRequest.NO_RESPONSE, connectionId, health);
      hung = true;
      return;
    }

    if (!health && faults.hostile != HostileResponse.NONE) {
      instance.record(now, method, path, HttpInstanceRequest.NO_RESPONSE, connectionId, false);
      HostileWriter.write(ctx, faults.hostile, instance.id());
      return;
    }

    int status;
    long delayNanos;
    if (!request.decoderResult().isSuccess()) {
      status = 400;
      delayNanos = 0;
    } else if (health) {
      status = faults.healthStatus;
      delayNanos = 0;
    } else {
      status = faults.nextStatus();
      delayNanos = faults.nextLatencyNanos();
    }
    instance.record(now, method, path, status, connectionId, health);

    PendingResponse response =
        new PendingResponse(
            request.protocolVersion(),
            status,
            request.method().equals(HttpMethod.HEAD),
            request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request),
            method);
    long writeAt = Math.max(now + delayNanos, lastWriteAtNanos);
    lastWriteAtNanos = writeAt;
    if (pending.isEmpty() && writeAt <= now) {
      write(ctx, response);
      return;
    }
    pending.add(response);
    ctx.executor().schedule(() -> writeUpTo(ctx, response), writeAt - now, TimeUnit.NANOSECONDS);
  }

  // Timers of equal or close deadlines may fire out of order, so a due response first writes
  // every response queued before it.
  private void writeUpTo(ChannelHandlerContext ctx, PendingResponse due) {
    if (!pending.contains(due)) {
      return;
    }
    PendingResponse next;
    do {
      next = pending.poll();
      if (next != null) {
        write(ctx, next);
      }
    } while (next != null && next != due);
  }

  private void write(ChannelHandlerContext ctx, PendingResponse r) {
    var response =
        Responses.build(
            ctx.alloc(),
            r.version,
            r.status,
            r.head,
            r.keepAlive,
            instance.id(),
            instance.zone(),
            r.method);
    var future = ctx.writeAndFlush(response);
    activity++;
    if (!r.keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    } else {
      armIdleClose(ctx);
    }
  }

  private void armIdleClose(ChannelHandlerContext ctx) {
    long idleNanos = instance.faults().idleCloseNanos;
    if (idleNanos <= 0) {
      return;
    }
    long armedAt = activity;
    ctx.executor()
        .schedule(
            () -> {
              if (activity == armedAt && pending.isEmpty() && !hung) {
                log.debug("Instance {} closes idle connection {}", instance.id(), connectionId);
                ctx.close();
              }
            },
            idleNanos,
            TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    // Responses still waiting for their latency have nobody to go to.
    pending.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Clients that give up (timeouts, resets) are routine in fault tests.
    log.debug("Instance {} connection {} failed; closing", instance.id(), connectionId, cause);
    ctx.close();
  }

  private static final class PendingResponse {
    final HttpVersion version;
    final int status;
    final boolean head;
    final boolean keepAlive;
    final String method;

    PendingResponse(
        HttpVersion version, int status, boolean head, boolean keepAlive, String method) {
      this.version = version;
      this.status = status;
      this.head = head;
      this.keepAlive = keepAlive;
      this.method = method;
    }
  }
}
