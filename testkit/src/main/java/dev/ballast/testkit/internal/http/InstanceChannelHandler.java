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

  // When the connection's last response was written, for the idle race fault (a keep-alive timeout
  // runs between requests; a new connection's first request is another server timeout's concern);
  // and whether that fault has dropped the connection, whose later requests are then void.
  private long idleSinceNanos;
  private boolean answeredOnce;
  private boolean droppedByIdleRace;

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
    long now = System.nanoTime();
    FaultState faults = instance.faults();
    if (droppedByIdleRace || losesIdleRace(faults, now)) {
      // The server's keep-alive timer fired first: it never read this request, so it is neither
      // recorded nor answered, and the client sees the close.
      droppedByIdleRace = true;
      log.debug(
          "Instance {} closes idle connection {} as a request arrives",
          instance.id(),
          connectionId);
      ctx.close();
      return;
    }
    activity++;
    String method = request.method().name();
    String path = request.uri();
    boolean health = instance.isHealthPath(path);

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
    Workers workers = instance.workers();
    if (!health && request.decoderResult().isSuccess() && workers.limit() != Workers.UNLIMITED) {
      response.viaWorkers = true;
      pending.add(response);
      workers.submit(new QueuedRequest(ctx, response));
      return;
    }
    long writeAt = Math.max(now + delayNanos, lastWriteAtNanos);
    lastWriteAtNanos = writeAt;
    if (pending.isEmpty() && writeAt <= now) {
      write(ctx, response);
      return;
    }
    pending.add(response);
    ctx.executor().schedule(() -> writeUpTo(ctx, response), writeAt - now, TimeUnit.NANOSECONDS);
  }

  // Timers of equal or close deadlines may fire out of order, so a due response makes every
  // latency-timed response queued before it due as well; one still held by a worker stays, and
  // holds back those after it.
  private void writeUpTo(ChannelHandlerContext ctx, PendingResponse due) {
    if (!pending.contains(due)) {
      return;
    }
    for (PendingResponse r : pending) {
      if (!r.viaWorkers) {
        r.served = true;
      }
      if (r == due) {
        break;
      }
    }
    writeReady(ctx);
  }

  // Responses served by a worker finish in any order; HTTP/1.1 lets each go only once every
  // response before it on this connection has gone.
  private void writeReady(ChannelHandlerContext ctx) {
    PendingResponse head;
    while ((head = pending.peek()) != null && head.served) {
      write(ctx, pending.removeFirst());
    }
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
            r.method,
            instance.faults().idleRace.advertisedSeconds());
    var future = ctx.writeAndFlush(response);
    activity++;
    idleSinceNanos = System.nanoTime();
    answeredOnce = true;
    if (!r.keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    } else {
      armIdleClose(ctx);
    }
  }

  private boolean losesIdleRace(FaultState faults, long now) {
    long raceNanos = faults.idleRace.nanos;
    return raceNanos > 0
        && answeredOnce
        && pending.isEmpty()
        && !hung
        && now - idleSinceNanos >= raceNanos;
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

  /**
   * A request waiting for, then holding, one of the instance's {@link Workers}: it holds the worker
   * for the latency in effect when it got the worker (a queued request's work has not begun, so a
   * latency change reaches it), then releases it and answers on its own channel's event loop.
   */
  private final class QueuedRequest implements Workers.Job {
    private final ChannelHandlerContext ctx;
    private final PendingResponse response;

    QueuedRequest(ChannelHandlerContext ctx, PendingResponse response) {
      this.ctx = ctx;
      this.response = response;
    }

    @Override
    public void start() {
      // May run on another connection's event loop (the one whose request freed the worker).
      long serviceNanos = instance.faults().nextLatencyNanos();
      ctx.executor().schedule(this::finish, serviceNanos, TimeUnit.NANOSECONDS);
    }

    private void finish() {
      // The worker is freed even when the client has gone: a real server's thread finishes its
      // work whether or not anybody still waits for the answer.
      instance.workers().release();
      response.served = true;
      if (pending.contains(response)) {
        writeReady(ctx);
      }
    }

    @Override
    public boolean abandoned() {
      return !ctx.channel().isActive();
    }
  }

  private static final class PendingResponse {
    // Both confined to the event loop. Served: the response may be written once those before it
    // have been. Via workers: it waits for (then holds) one of the instance's bounded workers.
    boolean served;
    boolean viaWorkers;
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
