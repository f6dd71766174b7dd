package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The keep-alive connections to one endpoint: at most {@code max} open (connecting or connected),
 * idle ones reused most-recent-first, at most {@code maxPending} waiters queued when all are busy.
 * Idle connections are kept, and closed after {@code idleTimeout}, by {@link IdleConnections}.
 * Most-recent-first reuse keeps the oldest idle connections at the head, where the sweep looks.
 *
 * <p>Which idle connection a request may take, and which ones are retired instead, is {@link
 * ReuseRule}'s: a request that must not be sent twice never goes on one the server may be closing.
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
  private final ReuseRule reuse;
  private final Ticker ticker;
  private final AsciiString hostHeader;
  private final IdleConnections idle;
  private final ArrayDeque<PoolWaiter> pending = new ArrayDeque<>();
  private int open;
  private boolean closed;

  EndpointPool(
      String endpointId,
      InetSocketAddress address,
      String hostHeader,
      EventLoop loop,
      Bootstrap bootstrap,
      int max,
      int maxPending,
      Duration idleTimeout,
      Duration nonIdempotentMaxIdle,
      Ticker ticker) {
    this.endpointId = endpointId;
    this.address = address;
    this.hostHeader = AsciiString.cached(hostHeader);
    this.loop = loop;
    this.bootstrap = bootstrap;
    this.max = max;
    this.maxPending = maxPending;
    this.reuse = new ReuseRule(nonIdempotentMaxIdle, ticker);
    this.ticker = ticker;
    this.idle = new IdleConnections(loop, ticker, idleTimeout.toNanos());
  }

  /** The loop every channel and operation of this pool runs on. */
  EventLoop loop() {
    return loop;
  }

  /** The default {@code Host} header of requests to this endpoint ({@code host:port}). */
  AsciiString hostHeader() {
    return hostHeader;
  }

  /** The clock this pool reads. */
  Ticker ticker() {
    return ticker;
  }

  /** Hands {@code waiter} a connection now, after a connect, or when one is released. Loop only. */
  void acquire(PoolWaiter waiter) {
    assert loop.inEventLoop();
    if (closed) {
      waiter.onAcquireFailure(PoolFailures.endpointRemoved());
      return;
    }
    boolean idempotent = waiter.idempotent();
    PooledConnection c;
    scan:
    while ((c = idle.youngest()) != null) {
      switch (reuse.judge(c, idempotent)) {
        case REUSE -> {
          idle.removeYoungest();
          waiter.onChannel(c, true);
          return;
        }
        case RETIRE -> {
          idle.removeYoungest();
          c.channel.close(); // the server has closed it, or is about to
        }
        case TOO_OLD -> {
          break scan; // the youngest is too old for this request, and every other one is older
        }
      }
    }
    if (open < max) {
      connect(waiter);
    } else if (c != null) {
      // The pool is full of idle connections too old for this request: retire the oldest, whose
      // close gives its slot to the oldest waiter (see onClosed), as a release would. Queued
      // first, as the close may be reported at once.
      pending.addLast(waiter);
      PooledConnection oldest = idle.pollOldest();
      if (oldest != null) {
        oldest.channel.close();
      }
    } else if (pending.size() < maxPending) {
      pending.addLast(waiter);
    } else {
      waiter.onAcquireFailure(PoolFailures.exhausted(max, maxPending));
    }
  }

  /**
   * Forgets a waiter that stopped waiting. Loop only.
   *
   * @return whether it was queued for a busy pool's connection, rather than being connected for
   */
  boolean cancel(PoolWaiter waiter) {
    assert loop.inEventLoop();
    return pending.remove(waiter);
  }

  /** Returns a channel after an exchange; closes it unless {@code reusable}. Loop only. */
  void release(PooledConnection c, boolean reusable) {
    assert loop.inEventLoop();
    if (!reusable || closed || !c.channel.isActive()) {
      c.channel.close();
      return;
    }
    offer(c);
  }

  private void offer(PooledConnection c) {
    PoolWaiter w;
    while ((w = pending.pollFirst()) != null) {
      if (w.isWaiting()) {
        w.onChannel(c, true);
        return;
      }
    }
    idle.add(c);
  }

  /**
   * Closes the idle connections that went idle no later than {@code idleSinceNanos}; see {@link
   * IdleConnections#retireIdleSince}. Loop only.
   */
  void retireIdleSince(long idleSinceNanos) {
    assert loop.inEventLoop();
    idle.retireIdleSince(idleSinceNanos);
  }

  private void connect(PoolWaiter waiter) {
    open++;
    ChannelFuture f = bootstrap.connect(address);
    Channel ch = f.channel();
    PooledConnection[] made = new PooledConnection[1];
    ch.closeFuture().addListener(x -> onClosed(made[0]));
    f.addListener(
        x -> {
          if (!f.isSuccess()) {
            ch.close();
            failConnect(waiter, f.cause());
            return;
          }
          ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
          if (handler == null) {
            ch.close();
            failConnect(waiter, new IllegalStateException("connection lost its handlers"));
            return;
          }
          PooledConnection c = new PooledConnection(ch, handler);
          made[0] = c;
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            onReady(c, waiter);
          } else {
            ssl.handshakeFuture()
                .addListener(
                    h -> {
                      if (h.isSuccess()) {
                        onReady(c, waiter);
                      } else {
                        ch.close();
                        failConnect(waiter, h.cause());
                      }
                    });
          }
        });
  }

  private void onReady(PooledConnection c, PoolWaiter waiter) {
    if (closed) {
      c.channel.close();
      if (waiter.isWaiting()) {
        waiter.onAcquireFailure(PoolFailures.endpointRemoved());
      }
    } else if (waiter.isWaiting()) {
      waiter.onChannel(c, false);
    } else {
      offer(c);
    }
  }

  private void failConnect(PoolWaiter waiter, Throwable cause) {
    if (waiter.isWaiting()) {
      waiter.onAcquireFailure(PoolFailures.connect(cause));
    }
  }

  private void onClosed(@Nullable PooledConnection c) {
    open--;
    if (c != null) {
      idle.remove(c);
    }
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
    idle.close();
    PoolWaiter w;
    while ((w = pending.pollFirst()) != null) {
      if (w.isWaiting()) {
        w.onAcquireFailure(PoolFailures.endpointRemoved());
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
