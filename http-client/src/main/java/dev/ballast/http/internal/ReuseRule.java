package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import java.time.Duration;

/**
 * Whether a request may take an idle pooled connection: keeps a request that must not be sent twice
 * off a connection the server may be closing.
 *
 * <p>A server closes an idle keep-alive connection when its own timer says so; a request written
 * while that FIN is on its way reaches a socket the server no longer reads, and the client sees the
 * connection close before any response byte. An idempotent request is then simply sent again. A
 * POST is not: nothing proves the server did not read it, so it fails. Peers narrow the window in
 * three ways: Apache HttpClient and OkHttp probe the socket for EOF before reusing a connection
 * idle for a while; Go's transport resends a request when not a byte of it was written; OkHttp also
 * resends on a failed reused connection, POSTs included, which can deliver them twice. The probe is
 * what Netty's event loop already does for us: it reads every socket that became readable before
 * running the task that acquires, so a FIN that has arrived closes the channel first and {@code
 * isActive()} sees it. "Nothing written" is moot here: the channel is checked and written in one
 * turn of its loop, and a write the kernel took cannot be told apart from one the server read. What
 * no check can see is a FIN still in flight, so the pool does not race the server's timer for a
 * request that may not be repeated: such a request goes only on a connection idle for less than
 * {@code non-idempotent-max-idle} (below the keep-alive timeouts servers commonly use), and no
 * request goes on one idle past three quarters of the timeout the server announced ({@link
 * KeepAliveTimeout}). An idle connection too old for the request is left to others (or retired when
 * the pool is full) and a new one is opened.
 *
 * <p>Stateless apart from its settings; called on the pool's event loop.
 */
final class ReuseRule {
  /** What to do with the youngest idle connection for a request. */
  enum Verdict {
    /** Take it. */
    REUSE,
    /** Close it: dead, or past the server's announced timeout; then look at the next one. */
    RETIRE,
    /** Leave it (and the older ones) to other requests and open a new connection. */
    TOO_OLD
  }

  private final long nonIdempotentMaxIdleNanos;
  private final Ticker ticker;

  ReuseRule(Duration nonIdempotentMaxIdle, Ticker ticker) {
    this.nonIdempotentMaxIdleNanos = nonIdempotentMaxIdle.toNanos();
    this.ticker = ticker;
  }

  /** The verdict on idle connection {@code c} for a request that is {@code idempotent} or not. */
  Verdict judge(PooledConnection c, boolean idempotent) {
    long limit = c.handler.reuseLimitNanos();
    // No clock read on the common path: an idempotent request on a connection whose server never
    // announced a timeout takes the youngest live connection, whatever its age.
    long age =
        idempotent && limit == KeepAliveTimeout.UNKNOWN ? 0 : ticker.nanoTime() - c.idleSinceNanos;
    if (!c.channel.isActive() || age >= limit) {
      return Verdict.RETIRE;
    }
    return !idempotent && age >= nonIdempotentMaxIdleNanos ? Verdict.TOO_OLD : Verdict.REUSE;
  }
}
