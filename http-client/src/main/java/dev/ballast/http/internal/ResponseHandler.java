package dev.ballast.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a pooled connection: delivers the aggregated response, a failure or the
 * connection's end to the {@link Attempt} currently using the connection. One per channel; all
 * methods run on the channel's event loop.
 */
// ctx.close() futures are fire-and-forget: the close is observed through channelInactive.
@SuppressWarnings("FutureReturnValueIgnored")
final class ResponseHandler extends ChannelInboundHandlerAdapter {
  private @Nullable Attempt current;
  private boolean bytesSinceBegin;
  private long reuseLimitNanos = KeepAliveTimeout.UNKNOWN;

  /** Makes {@code attempt} the receiver of the next response. */
  void begin(Attempt attempt) {
    current = attempt;
    bytesSinceBegin = false;
  }

  /** Stops delivering to {@code attempt} (it timed out or was cancelled). */
  void clear(Attempt attempt) {
    if (current == attempt) {
      current = null;
    }
  }

  /**
   * Whether any byte arrived since {@link #begin}: a reset after that is not a stale connection.
   */
  boolean bytesSinceBegin() {
    return bytesSinceBegin;
  }

  /**
   * How long the connection may sit idle and still be reused, learned from the server's last {@code
   * Keep-Alive: timeout=N}; {@link KeepAliveTimeout#UNKNOWN} when it never said.
   */
  long reuseLimitNanos() {
    return reuseLimitNanos;
  }

  /** A handler for the head of the pipeline that notes the arrival of bytes. */
  ChannelInboundHandlerAdapter byteWatcher() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        bytesSinceBegin = true;
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpResponse response)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      Attempt a = current;
      current = null;
      if (a == null) {
        ctx.close(); // an answer nobody asked for: the connection's state is unknown
        return;
      }
      if (response.decoderResult().isFailure()) {
        ctx.close();
        a.onChannelFailure(
            new AttemptFailure(
                FailureKind.PROTOCOL_ERROR,
                "invalid HTTP response: " + response.decoderResult().cause().getMessage(),
                response.decoderResult().cause()));
        return;
      }
      String keepAlive = response.headers().get(HttpHeaderNames.KEEP_ALIVE);
      if (keepAlive != null) {
        reuseLimitNanos = KeepAliveTimeout.reuseLimitNanos(keepAlive, reuseLimitNanos);
      }
      RawResponse raw = RawResponse.copyOf(response);
      a.onResponse(raw, HttpUtil.isKeepAlive(response));
    } finally {
      response.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Attempt a = current;
    current = null;
    ctx.close();
    if (a != null) {
      a.onChannelFailure(classify(cause));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Attempt a = current;
    current = null;
    if (a != null) {
      a.onChannelFailure(
          new AttemptFailure(
              FailureKind.RESET, "connection closed before the response was complete", null));
    }
    ctx.fireChannelInactive();
  }

  static AttemptFailure classify(Throwable cause) {
    if (cause instanceof TooLongHttpContentException) {
      return new AttemptFailure(
          FailureKind.RESPONSE_TOO_LARGE, "response larger than max-response-size", cause);
    }
    if (cause instanceof DecoderException) {
      return new AttemptFailure(
          FailureKind.PROTOCOL_ERROR, "invalid HTTP response: " + cause.getMessage(), cause);
    }
    return new AttemptFailure(FailureKind.RESET, "connection reset: " + cause.getMessage(), cause);
  }
}
