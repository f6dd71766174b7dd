package dev.ballast.http.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's event loops: daemon threads named {@code ballast-http-<n>-<k>}, epoll when the
 * native transport loads, NIO otherwise. Netty starts a loop's thread on its first task.
 *
 * <p><b>Host names.</b> Endpoints given by name are resolved by Netty's asynchronous DNS resolver
 * at every connect (a reconnect resolves again), answers cached for their record's TTL. Netty's
 * default resolver would call the blocking {@code InetAddress} lookup on the event loop at each
 * connect, stalling every connection of that loop for as long as the DNS server takes. The hosts
 * file is read first, as the system resolver does.
 */
// Netty's close() and schedule() futures are fire-and-forget here: failures surface through
// the channel's close listener or the attempt's own timeout, never through these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class Transport {
  private static final AtomicInteger CONTROL_THREADS = new AtomicInteger();

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final AddressResolverGroup<InetSocketAddress> resolver;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  // Cached: iterating the group allocates an iterator, and send() asks on every call.
  private final EventExecutor[] loops;

  /**
   * The load balancers' control plane: one daemon thread per client, so endpoint updates, health
   * transitions, picker rebuilds (a ring-hash rebuild sorts up to 262k points) and user listeners
   * never run on an event loop, where health results and call completions arrive.
   */
  private final ExecutorService control;

  Transport(int threads) {
    this(threads, DnsServerAddressStreamProviders.platformDefault());
  }

  /**
   * @param nameServers the DNS servers to ask (the system's, from {@code /etc/resolv.conf}, unless
   *     a test gives its own)
   */
  Transport(int threads, DnsServerAddressStreamProvider nameServers) {
    DefaultThreadFactory factory = new DefaultThreadFactory("ballast-http", true);
    Class<? extends DatagramChannel> datagramClass;
    if (Epoll.isAvailable()) {
      group = new MultiThreadIoEventLoopGroup(threads, factory, EpollIoHandler.newFactory());
      channelClass = EpollSocketChannel.class;
      datagramClass = EpollDatagramChannel.class;
    } else {
      group = new MultiThreadIoEventLoopGroup(threads, factory, NioIoHandler.newFactory());
      channelClass = NioSocketChannel.class;
      datagramClass = NioDatagramChannel.class;
    }
    // One resolver per event loop, its queries sent and answered on that loop; TCP when a UDP
    // answer is truncated. The cache keeps each answer for its TTL (Netty's default bounds).
    resolver =
        new DnsAddressResolverGroup(
            new DnsNameResolverBuilder()
                .datagramChannelType(datagramClass)
                .socketChannelType(channelClass)
                .nameServerProvider(nameServers));
    List<EventExecutor> all = new ArrayList<>();
    group.forEach(all::add);
    loops = all.toArray(new EventExecutor[0]);
    int id = CONTROL_THREADS.incrementAndGet();
    control =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "ballast-http-control-" + id);
              t.setDaemon(true);
              return t;
            });
  }

  /** The executor of every load balancer of this client; see {@link #control}. */
  Executor control() {
    return control;
  }

  EventLoopGroup group() {
    return group;
  }

  /** The next loop, round robin: for new pools and call timers. */
  EventLoop next() {
    return (EventLoop) group.next();
  }

  /** A bootstrap whose channels live on {@code loop}. */
  Bootstrap bootstrap(EventLoop loop, Duration connectTimeout, ChannelHandler initializer) {
    return new Bootstrap()
        .group(loop)
        .channel(channelClass)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .resolver(resolver)
        .handler(initializer);
  }

  /** Connections open now: every tracked channel whose close this client has not yet seen. */
  int openConnections() {
    return channels.size();
  }

  /** Tracks {@code ch} until it closes, so that {@link #shutdown} can close every connection. */
  void track(Channel ch) {
    channels.add(ch);
    ch.closeFuture().addListener(f -> channels.remove(ch));
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  /** Whether the calling thread is one of the loops (where blocking would deadlock). */
  boolean inEventLoop() {
    for (EventExecutor e : loops) {
      if (e.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Shuts the loops down (no quiet period: the client is closing) and waits up to {@code wait}; on
   * one of the loops it cannot wait for itself, so it only starts the shutdown. Closing the loops
   * closes every channel still registered.
   */
  void shutdown(Duration wait) {
    resolver.close();
    // Changes already queued (the balancers' closes) still run; later ones run on their submitter.
    control.shutdown();
    if (inEventLoop()) {
      // Closed from a future's callback: every wait below would wait for this very thread. The
      // closes are queued ahead of the shutdown, and a terminating loop runs its queue first.
      for (Channel ch : new ArrayList<>(channels)) {
        ch.close();
      }
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      return;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    // Let tasks already queued (pool closes, connects in progress) run first, then close every
    // channel explicitly: a loop that is terminating does not close a channel registered late,
    // and its socket would stay open.
    for (EventExecutor e : group) {
      try {
        e.submit(() -> {}).await(remainingMillis(deadline) / 4, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException ex) {
        // Already shutting down.
      }
    }
    List<Channel> open = new ArrayList<>(channels);
    for (Channel ch : open) {
      ch.close();
    }
    for (Channel ch : open) {
      if (!ch.closeFuture().awaitUninterruptibly(Math.max(1, remainingMillis(deadline) / 2))) {
        break;
      }
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    try {
      group.awaitTermination(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
