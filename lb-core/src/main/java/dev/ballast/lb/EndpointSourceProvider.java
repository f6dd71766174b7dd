package dev.ballast.lb;

/**
 * Discovery SPI, found with {@link java.util.ServiceLoader} (list implementations in {@code
 * META-INF/services/dev.ballast.lb.EndpointSourceProvider}). Chosen per service by {@code
 * ballast.http.services.<svc>.discovery=<name>}; its keys live under {@code
 * ballast.http.services.<svc>.discovery.<name>.}.
 *
 * <p>Implementations are stateless and thread-safe; they need a public no-argument constructor.
 */
public interface EndpointSourceProvider {
  /** {@return the name used in {@code discovery=<name>}: lower case, e.g. {@code zookeeper}} */
  String name();

  /**
   * {@return the segment after {@code discovery.} under which this source's keys live; {@link
   * #name()} unless overridden} Sources that are variants of one engine share their keys this way:
   * {@code dns} (address records) and {@code dns-srv} (SRV records) both read {@code
   * discovery.dns.*}.
   */
  default String keyPrefix() {
    return name();
  }

  /**
   * Reads this source's keys for {@code service} through {@code keys} (relative to {@code
   * discovery.<keyPrefix>.}), recording every problem in the scope's reader instead of throwing,
   * and returns the discovery to run. Nothing may start here: the discovery is started only once
   * the whole configuration is valid and a client subscribes. Keys under the prefix that are not
   * read here are reported as unknown, with a "did you mean".
   *
   * @return the discovery, not started yet
   * @param service the logical service name
   * @param keys this source's keys, e.g. {@code keys.required("connect", "host:port,...")}
   */
  Discovery bind(String service, ConfigReader.Scope keys);
}
