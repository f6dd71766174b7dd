package dev.ballast.jdbc.internal;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a router from {@code ballast.jdbc.*} properties: binds and checks them (a problem stops
 * everything before anything starts), registers the hosts' servers with the process's {@link
 * SharedHosts} (which checks the connection budget before any pool exists), opens one HikariCP pool
 * per host and starts. A failure at any step gives back what the steps before it took. Stateless.
 */
public final class PropertiesAssembly {
  // The data source's category: this line is the data source's start, as users see it.
  private static final Logger log = LoggerFactory.getLogger(RoutingDataSource.class);

  private PropertiesAssembly() {}

  /**
   * A router configured by {@code props}, with its meters and HikariCP's pool meters in {@code
   * registry} (a MeterRegistry) if not null.
   *
   * @throws dev.ballast.lb.ConfigException before anything starts, listing every problem
   */
  public static RouterLifecycle start(Properties props, @Nullable Object registry) {
    JdbcProperties.Bound bound = JdbcProperties.bind(props, System::getenv);
    JdbcProperties.applyCredentials(bound);
    if (registry != null) {
      MeterSupport.instrumentPools(registry, bound);
    }
    Dialect dialect = Dialects.forUrl(bound.hosts().get(0).url());
    Duration probeTimeout = bound.config().healthCheckTimeout();
    List<SharedHosts.Member> members = new ArrayList<>();
    for (JdbcProperties.HostSpec spec : bound.hosts()) {
      members.add(
          new SharedHosts.Member(
              spec.name(),
              serverKey(spec.url(), dialect),
              spec.hikari().getMaximumPoolSize(),
              new DriverProbeConnector(
                  spec.url(),
                  spec.hikari().getDriverClassName(),
                  JdbcProperties.probeProperties(spec),
                  probeTimeout)));
    }
    // the budget is checked before any pool exists: a refused router leaves nothing behind
    SharedHosts.Lease lease =
        SharedHosts.process()
            .register(bound.config().name(), members, bound.maxConnectionsPerHost());
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      List<Host> hosts = new ArrayList<>();
      for (JdbcProperties.HostSpec spec : bound.hosts()) {
        Host host =
            Host.ownPool(
                spec.name(),
                spec.primary(),
                spec.zone(),
                spec.hikari(),
                Urls.mask(spec.url()),
                requireNonNull(lease.hosts().get(spec.name()), "shared host").connector());
        pools.add(requireNonNull(host.hikari(), "own pool"));
        hosts.add(host);
      }
      log.info("Ballast JDBC router starting with:\n{}", bound.effective());
      return RouterLifecycle.start(
          bound.config(), dialect, hosts, Ticker.system(), registry, lease);
    } catch (RuntimeException | Error e) {
      lease.close();
      for (HikariDataSource p : pools) {
        p.close();
      }
      throw e;
    }
  }

  /**
   * The server a URL points at, {@code host:port} (the engine's default port when the URL names
   * none); the whole URL when it names no host (an embedded database is its own server).
   */
  static String serverKey(String url, Dialect dialect) {
    String host = Urls.host(url, "");
    if (host.isEmpty()) {
      return url;
    }
    int port = Urls.port(url, dialect.lsnPositions() ? 5432 : 3306);
    return host + ":" + port;
  }
}
