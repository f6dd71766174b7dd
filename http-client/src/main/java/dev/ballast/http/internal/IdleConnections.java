package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The idle keep-alive connections of one {@link EndpointPool}, oldest at the head and youngest at
 * the tail, each stamped with when it went idle. A connection idle for {@code idleTimeout} is
 * closed by a sweep that sleeps until the oldest one expires: servers and middleboxes drop idle
 * connections silently after a while, and reusing one that was dropped costs a failed attempt.
 *
 * <p><b>Threading.</b> Confined to the pool's event loop, like the pool.
 */
// Netty's close() and schedule() futures are fire-and-forget here: a close failure surfaces through
// the channel's close listener.
@SuppressWarnings("FutureReturnValueIgnored")
final class IdleConnections {
  private final EventLoop loop;
  private final Ticker ticker;
  private final long idleTimeoutNanos;
  private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  private @Nullable ScheduledFuture<?> sweep;
  private boolean closed;

  IdleConnections(EventLoop loop, Ticker ticker, long idleTimeoutNanos) {
    this.loop = loop;
    this.ticker = ticker;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** The connection that went idle last, or null when none is idle. */
  @Nullable PooledConnection youngest() {
    return idle.peekLast();
  }

  /** Removes the connection that went idle last, as returned by {@link #youngest()}. */
  void removeYoungest() {
    idle.pollLast();
  }

  /** Removes and returns the connection idle longest, or null when none is idle. */
  @Nullable PooledConnection pollOldest() {
    return idle.pollFirst();
  }

  /** Adds {@code c}, idle from now, and makes sure a sweep will come. */
  void add(PooledConnection c) {
    c.idleSinceNanos = ticker.nanoTime();
    idle.addLast(c);
    if (sweep == null) {
      sweep = loop.schedule(this::sweepIdle, idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Forgets {@code c} (it closed); nothing when it was not idle. */
  void remove(PooledConnection c) {
    idle.remove(c);
  }

  /**
   * Closes the idle connections that went idle no later than {@code idleSinceNanos}: one that did
   * turned out closed by the server, whose idle timer closes the older ones first, so a retry must
   * not meet them one by one.
   */
  void retireIdleSince(long idleSinceNanos) {
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

  /** Stops sweeping and closes every idle connection. Idempotent. */
  void close() {
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
  }
}
