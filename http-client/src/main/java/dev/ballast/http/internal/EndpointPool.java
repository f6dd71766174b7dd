package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The keep-alive connections to one endpoint: at most {@code max} open (connecting or connected),
 * idle ones reused most-recent-first, at most {@code maxPending} waiters queued when all are busy.
 * A connection idle for {@code idleTimeout} is closed: servers and middleboxes drop idle
 * connections silently after a while, and reusing one that was dropped costs a failed attempt.
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
  private final long idleTimeoutNanos;
  private final ReuseRule reuse;
  private final Ticker ticker;
  private final AsciiString hostHeader;
  private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<PoolWaiter> pending = new ArrayDeque<>();
  private @Nullable ScheduledFuture<?> sweep;
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
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.reuse = new ReuseRule(nonIdempotentMaxIdle, ticker);
    this.ticker = ticker;
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
      waiter.onAcquireFailure(
          new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      return;
    }
    boolean idempotent = waiter.idempotent();
    PooledConnection c;
    scan:
    while ((c = idle.peekLast()) != null) {
      switch (reuse.judge(c, idempotent)) {
        case REUSE -> {
          idle.pollLast();
          waiter.onChannel(c, true);
          return;
        }
        case RETIRE -> {
          idle.pollLast();
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
      PooledConnection oldest = idle.pollFirst();
      if (oldest != null) {
        oldest.channel.close();
      }
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
    c.idleSinceNanos = ticker.nanoTime();
    idle.addLast(c);
    if (sweep == null) {
      sweep = loop.schedule(this::sweepIdle, idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Closes the idle connections that went idle no later than {@code idleSinceNanos}: one that did
   * turned out closed by the server, whose idle timer closes the older ones first, so a retry must
   * not meet them one by one. Loop only.
   */
  void retireIdleSince(long idleSinceNanos) {
    assert loop.inEventLoop();
    PooledConnection c;
    while ((c = idle.peekFirst()) != null && c.idleSinceNanos - idleSinceNanos <= 0) {
      idle.pollFirst();
      c.channel.close();
    }
  }

  /** Closes connections idle for {@code idleTimeout}, then waits for the next oldest to expire. */
  private void sweepIdle() {
    sweep = null;
    if (closed) {
      return;
    }
    long now = ticker.nanoTime();
    PooledConnection c;
    while ((c = idle.peekFirst()) != null && now - c.idleSinceNanos >= idleTimeoutNanos) {
      idle.pollFirst();
      c.channel.close();
    }
    if (c != null) {
      // At least a millisecond: a frozen test ticker must not turn this into a busy loop.
      long delay =
          Math.max(TimeUnit.MILLISECONDS.toNanos(1), c.idleSinceNanos + idleTimeoutNanos - now);
      sweep = loop.schedule(this::sweepIdle, delay, TimeUnit.NANOSECONDS);
    }
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
        waiter.onAcquireFailure(
            new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      }
    } else if (waiter.isWaiting()) {
      waiter.onChannel(c, false);
    } else {
      offer(c);
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
    ScheduledFuture<?> s = sweep;
    if (s != null) {
      s.cancel(false);
      sweep = null;
    }
    PooledConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.channel.close();
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
