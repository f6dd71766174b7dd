package dev.ballast.http.internal.dns;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import dev.ballast.lb.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs one service's DNS discovery: a Netty {@link DnsNameResolver} on the shared {@link DnsLoop}
 * (non-blocking; its answers arrive on that loop), and a {@link Refresher} asking again at each
 * answer's TTL. Nothing is cached between resolutions: each one asks the server, so a record
 * changed on the server is seen at the next one.
 *
 * <p>Names are asked as given, without search domains: write them fully qualified ({@code
 * orders.default.svc.cluster.local}, not {@code orders}). A UDP answer marked truncated is asked
 * again over TCP.
 */
final class DnsDiscovery implements Discovery {
  private final String service;
  private final DnsSettings settings;
  private final Function<EventLoop, Scheduler> timers;

  /**
   * @param timers the timer of the re-resolutions, given the loop the resolver runs on (the loop
   *     itself in production; a test's manual clock in tests)
   */
  DnsDiscovery(String service, DnsSettings settings, Function<EventLoop, Scheduler> timers) {
    this.service = requireNonNull(service, "service");
    this.settings = requireNonNull(settings, "settings");
    this.timers = requireNonNull(timers, "timers");
  }

  DnsSettings settings() {
    return settings;
  }

  @Override
  public AutoCloseable start(DiscoveryListener listener) {
    EventLoop loop = DnsLoop.acquire();
    DnsNameResolver resolver;
    try {
      resolver = resolver(loop);
    } catch (RuntimeException e) {
      DnsLoop.release();
      throw e;
    }
    Function<DnsNameResolver, CompletableFuture<Resolved>> resolution;
    if (settings.srv()) {
      SrvResolution srv = new SrvResolution(service, settings);
      resolution = srv::resolve;
    } else {
      resolution = r -> AddressResolution.resolve(r, settings);
    }
    Refresher refresher =
        new Refresher(settings, () -> resolution.apply(resolver), listener, timers.apply(loop));
    refresher.start();
    return () -> {
      if (refresher.close()) {
        // On the loop: a query completing right now must not find its channel closed under it.
        loop.execute(
            () -> {
              resolver.close();
              DnsLoop.release();
            });
      }
    };
  }

  private DnsNameResolver resolver(EventLoop loop) {
    InetSocketAddress server = settings.server();
    return new DnsNameResolverBuilder(loop)
        .datagramChannelType(NioDatagramChannel.class)
        .socketChannelType(NioSocketChannel.class)
        .nameServerProvider(
            server != null
                ? new SingletonDnsServerAddressStreamProvider(server)
                : DnsServerAddressStreamProviders.platformDefault())
        .queryTimeoutMillis(settings.queryTimeout().toMillis())
        .recursionDesired(true)
        // Every resolution must reach the server: the TTL schedule is ours, not a cache's.
        .resolveCache(NoopDnsCache.INSTANCE)
        .cnameCache(NoopDnsCnameCache.INSTANCE)
        .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
        .build();
  }
}
