package dev.ballast.http.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The keep-alive connections to one endpoint: at most {@code max} open (connecting or connected),
 * idle ones reused most-recent-first, at most {@code maxPending} waiters queued when all are busy.
 *
 * <p><b>Threading.</b> Confined to one event loop: every channel of the pool is registered on it
 * and every field is touched only there, so the pool needs no lock. Public entry points hop onto
 * the loop when called from elsewhere. {@code open} is decremented in exactly one place, the close
 * listener of each channel, so a channel is never counted twice.
 */
// Netty's close() and schedule() futures are fire-and-forget here: failures surface through
// the channel's close listener or the attempt's own timeout, never through these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class EndpointPool {
  private final String endpointId;
  private final InetSocketAddress address;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final int max;
  private final int maxPending;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<PoolWaiter> pending = new ArrayDeque<>();
  private int open;
  private boolean closed;

  EndpointPool(
      String endpointId,
      InetSocketAddress address,
      EventLoop loop,
      Bootstrap bootstrap,
      int max,
      int maxPending) {
    this.endpointId = endpointId;
    this.address = address;
    this.loop = loop;
    this.bootstrap = bootstrap;
    this.max = max;
    this.maxPending = maxPending;
  }

  /** The loop every channel and operation of this pool runs on. */
  EventLoop loop() {
    return loop;
  }

  /** Hands {@code waiter} a connection now, after a connect, or when one is released. Loop only. */
  void acquire(PoolWaiter waiter) {
    assert loop.inEventLoop();
    if (closed) {
      waiter.onAcquireFailure(
          new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      return;
    }
    Channel ch;
    while ((ch = idle.pollLast()) != null) {
      if (ch.isActive()) {
        waiter.onChannel(ch, true);
        return;
      }
      ch.close();
    }
    if (open < max) {
      connect(waiter);
    } else if (pending.size() < maxPending) {
      pending.addLast(waiter);
    } else {
      waiter.onAcquireFailure(
          new AttemptFailure(
              FailureKind.POOL_EXHAUSTED,
              "all "
                  + max
                  + " connections busy and "
                  + maxPending
                  + " attempts already waiting (max-pending-acquires)",
              null));
    }
  }

  /** Forgets a waiter that stopped waiting. Loop only. */
  void cancel(PoolWaiter waiter) {
    assert loop.inEventLoop();
    pending.remove(waiter);
  }

  /** Returns a channel after an exchange; closes it unless {@code reusable}. Loop only. */
  void release(Channel ch, boolean reusable) {
    assert loop.inEventLoop();
    if (!reusable || closed || !ch.isActive()) {
      ch.close();
      return;
    }
    offer(ch);
  }

  private void offer(Channel ch) {
    PoolWaiter w;
    while ((w = pending.pollFirst()) != null) {
      if (w.isWaiting()) {
        w.onChannel(ch, true);
        return;
      }
    }
    idle.addLast(ch);
  }

  private void connect(PoolWaiter waiter) {
    open++;
    ChannelFuture f = bootstrap.connect(address);
    Channel ch = f.channel();
    ch.closeFuture().addListener(x -> onClosed(ch));
    f.addListener(
        x -> {
          if (!f.isSuccess()) {
            ch.close();
            failConnect(waiter, f.cause());
            return;
          }
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            onReady(ch, waiter);
          } else {
            ssl.handshakeFuture()
                .addListener(
                    h -> {
                      if (h.isSuccess()) {
                        onReady(ch, waiter);
                      } else {
                        ch.close();
                        failConnect(waiter, h.cause());
                      }
                    });
          }
        });
  }

  private void onReady(Channel ch, PoolWaiter waiter) {
    if (closed) {
      ch.close();
      if (waiter.isWaiting()) {
        waiter.onAcquireFailure(
            new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      }
    } else if (waiter.isWaiting()) {
      waiter.onChannel(ch, false);
    } else {
      offer(ch);
    }
  }

  private void failConnect(PoolWaiter waiter, Throwable cause) {
    if (waiter.isWaiting()) {
      waiter.onAcquireFailure(classifyConnect(cause));
    }
  }

  static AttemptFailure classifyConnect(Throwable cause) {
    String msg = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (cause instanceof ConnectTimeoutException) {
      return new AttemptFailure(FailureKind.CONNECT_FAILED, "connect timed out", cause);
    }
    if (cause instanceof ConnectException && msg.contains("refused")) {
      return new AttemptFailure(FailureKind.CONNECT_REFUSED, "connection refused", cause);
    }
    return new AttemptFailure(
        FailureKind.CONNECT_FAILED, "connect failed: " + cause.getMessage(), cause);
  }

  private void onClosed(Channel ch) {
    open--;
    idle.remove(ch);
    if (closed) {
      return;
    }
    // A slot freed up: give it to the oldest waiter that still wants one.
    PoolWaiter w;
    while (open < max && (w = pending.pollFirst()) != null) {
      if (w.isWaiting()) {
        connect(w);
      }
    }
  }

  /**
   * Closes idle connections and fails waiters; connections in use are closed when released. Any
   * thread; idempotent.
   */
  void close() {
    if (!loop.inEventLoop()) {
      try {
        loop.execute(this::close);
      } catch (RuntimeException e) {
        // The loop is shutting down, which closes every channel anyway.
      }
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    Channel ch;
    while ((ch = idle.pollFirst()) != null) {
      ch.close();
    }
    PoolWaiter w;
    while ((w = pending.pollFirst()) != null) {
      if (w.isWaiting()) {
        w.onAcquireFailure(
            new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      }
    }
  }

  /** Open connections (connecting or connected); loop only, for tests. */
  int openCount() {
    return open;
  }

  @Override
  public String toString() {
    return "EndpointPool[" + endpointId + " " + address + "]";
  }
}
