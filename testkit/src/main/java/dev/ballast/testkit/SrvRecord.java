package dev.ballast.testkit;

import static java.util.Objects.requireNonNull;

/**
 * One SRV record's data (RFC 2782) for {@link DnsServer#srv}: clients use the lowest {@code
 * priority} first, share load within a priority by {@code weight}, and connect to {@code
 * target:port}.
 *
 * @param priority 0..65535, lower is preferred
 * @param weight 0..65535, relative share within the priority
 * @param port 0..65535
 * @param target the host name whose A/AAAA records give the addresses, e.g. {@code a1.orders.test}
 */
public record SrvRecord(int priority, int weight, int port, String target) {
  /**
   * Validates.
   *
   * @param priority 0..65535, lower is preferred
   * @param weight 0..65535, relative share within the priority
   * @param port 0..65535
   * @param target the host name whose A/AAAA records give the addresses, not blank
   */
  public SrvRecord {
    unsigned16("priority", priority);
    unsigned16("weight", weight);
    unsigned16("port", port);
    requireNonNull(target, "target");
    if (target.isBlank()) {
      throw new IllegalArgumentException("target: '" + target + "' (expected: a host name)");
    }
  }

  private static void unsigned16(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
    }
  }
}
