package dev.ballast.http.internal;

import io.netty.channel.Channel;

/**
 * One pooled keep-alive connection: the channel, the handler that delivers its responses (looked up
 * once at connect instead of on every exchange) and, while idle, since when. Confined to the pool's
 * event loop.
 */
final class PooledConnection {
  final Channel channel;
  final ResponseHandler handler;

  /** Ticker time the connection went idle; meaningful only while it is in the idle queue. */
  long idleSinceNanos;

  PooledConnection(Channel channel, ResponseHandler handler) {
    this.channel = channel;
    this.handler = handler;
  }

  @Override
  public String toString() {
    return "PooledConnection[" + channel + "]";
  }
}
