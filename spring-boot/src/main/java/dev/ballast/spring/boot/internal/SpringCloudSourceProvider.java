package dev.ballast.spring.boot.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.Discovery;
import dev.ballast.lb.Durations;
import dev.ballast.lb.EndpointSourceProvider;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@code discovery=spring-cloud}: a service's instances from the application's Spring Cloud {@code
 * DiscoveryClient} (Eureka, Consul, Kubernetes, the simple one — whichever the application uses).
 * Not found by {@code ServiceLoader}: the starter makes one per application context, with that
 * context's client, and hands it to the HTTP client's binder. Keys under {@code
 * ballast.http.services.<svc>.discovery.spring-cloud.}, each but {@code service-id} also under
 * {@code ballast.http.defaults.discovery.spring-cloud.} for every service:
 *
 * <pre>
 * service-id            the Spring Cloud service id (default: the Ballast service name)
 * zone-metadata-key     the instance metadata key holding its zone (default zone)
 * weight-metadata-key   the instance metadata key holding its weight, an integer &gt;= 1 (default
 *                       weight; absent: 1)
 * refresh-interval      re-read the instances when no HeartbeatEvent came for this long
 *                       (default 30s)
 * </pre>
 *
 * Thread-safe.
 */
public final class SpringCloudSourceProvider implements EndpointSourceProvider {
  /** The source's name in {@code discovery=}. */
  public static final String NAME = "spring-cloud";

  static final String SERVICES = "ballast.http.services.";
  static final String DEFAULTS = "ballast.http.defaults.discovery." + NAME + ".";
  static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  private final Supplier<DiscoveryClient> client;
  private final BooleanSupplier clientDefined;
  private final Ticker ticker;
  private final Set<SpringCloudDiscovery.Running> running = new CopyOnWriteArraySet<>();

  /**
   * A provider over the application's client.
   *
   * @param client the {@code DiscoveryClient} (the context's primary one), asked for only when a
   *     service's discovery starts
   * @param clientDefined whether the context defines a {@code DiscoveryClient}, asked while binding
   *     (without creating it)
   */
  public SpringCloudSourceProvider(
      Supplier<DiscoveryClient> client, BooleanSupplier clientDefined, Ticker ticker) {
    this.client = requireNonNull(client, "client");
    this.clientDefined = requireNonNull(clientDefined, "clientDefined");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Discovery bind(String service, ConfigReader.Scope keys) {
    // Per-service keys may come from ballast.http.defaults. like every other per-service key.
    ConfigReader.Scope shared =
        keys.prefix().startsWith(SERVICES) ? keys.reader().scope(keys.prefix(), DEFAULTS) : keys;
    String serviceId = keys.string("service-id", service);
    String zoneKey = shared.string("zone-metadata-key", "zone");
    String weightKey = shared.string("weight-metadata-key", "weight");
    Duration refresh = shared.duration("refresh-interval", DEFAULT_REFRESH);
    if (refresh.isZero() || refresh.isNegative() || refresh.toMillis() > Integer.MAX_VALUE) {
      shared.problem(
          "refresh-interval", Durations.format(refresh), "a positive duration up to 24 days");
    }
    if (!clientDefined.getAsBoolean()) {
      String key = keys.prefix().substring(0, keys.prefix().length() - NAME.length() - 2);
      keys.reader()
          .problem(
              key,
              NAME,
              "a Spring Cloud DiscoveryClient bean in the application context (none is defined:"
                  + " add a Spring Cloud discovery starter such as Eureka or Consul, or"
                  + " spring.cloud.discovery.client.simple.instances.*)");
    }
    return new SpringCloudDiscovery(
        service, serviceId, zoneKey, weightKey, refresh, client, running, ticker);
  }

  /**
   * Spring Cloud announced a {@code HeartbeatEvent}: every running discovery of this provider
   * re-reads its instances soon, on its own thread. Cheap; callable from any thread.
   */
  public void heartbeat() {
    for (SpringCloudDiscovery.Running r : running) {
      r.refreshSoon();
    }
  }

  /** How many services are being followed now (for tests and the log). */
  public int running() {
    return running.size();
  }

  @Override
  public String toString() {
    return "SpringCloudSourceProvider[" + running.size() + " running]";
  }
}
