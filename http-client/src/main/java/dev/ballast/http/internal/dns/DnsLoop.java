package dev.ballast.http.internal.dns;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one event loop every DNS discovery of this class loader shares: DNS traffic is a few packets
 * per name and TTL, not worth a thread per service. Created by the first {@link #acquire()}, shut
 * down when the last user {@link #release() releases} it, so a closed client leaves no thread. NIO:
 * DNS is too little traffic for epoll to matter. Its thread is a daemon named {@code
 * ballast-dns-discovery-<n>}; nothing on it blocks.
 */
final class DnsLoop {
  private static @Nullable EventLoopGroup group;
  private static int users;

  private DnsLoop() {}

  /** The shared loop, started if needed; pair with one {@link #release()}. */
  static synchronized EventLoop acquire() {
    EventLoopGroup g = group;
    if (g == null) {
      g =
          new MultiThreadIoEventLoopGroup(
              1,
              new DefaultThreadFactory("ballast-dns-discovery", true),
              NioIoHandler.newFactory());
      group = g;
    }
    users++;
    return (EventLoop) g.next();
  }

  /** Gives the loop back; the last user shuts it down (tasks already queued still run). */
  @SuppressWarnings("FutureReturnValueIgnored")
  static synchronized void release() {
    EventLoopGroup g = group;
    if (g == null || users == 0) {
      return;
    }
    if (--users == 0) {
      group = null;
      // Returned without waiting: release may run on the loop itself (a close from a callback).
      g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** Whether the loop runs now (for tests: no thread is left after the last release). */
  static synchronized boolean running() {
    return group != null;
  }
}
