package dev.ballast.http.internal.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The zone of an address from the subnet it lies in, as {@code discovery.dns.zones} gives them:
 * {@code 10.0.1.0/24=a,10.0.2.0/24=b,fd00:1::/64=a}. The most specific subnet wins (longest
 * prefix), so {@code 10.0.0.0/16=a,10.0.9.0/24=b} puts {@code 10.0.9.7} in {@code b}; an address in
 * no subnet has no zone. Immutable and thread-safe.
 */
final class SubnetZones {
  /** What {@link #parse} accepts, for messages. */
  static final String EXPECTED =
      "comma-separated <subnet>=<zone> pairs, each subnet an IPv4 or IPv6 CIDR block such as"
          + " 10.0.1.0/24=a,10.0.2.0/24=b";

  static final SubnetZones NONE = new SubnetZones(List.of());

  private record Subnet(byte[] network, int prefix, String zone, String text) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  // Longest prefix first: the first match is the most specific.
  private final List<Subnet> subnets;

  private SubnetZones(List<Subnet> subnets) {
    this.subnets = subnets;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the first bad pair and why, e.g. {@code
   *     '10.0.1.0/33=a': prefix length 33 is above 32}
   */
  static SubnetZones parse(String text) {
    List<Subnet> subnets = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String pair = raw.trim();
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw bad(pair, "no '=<zone>'");
      }
      String cidr = pair.substring(0, eq).trim();
      String zone = pair.substring(eq + 1).trim();
      if (zone.isEmpty() || zone.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';')) {
        throw bad(pair, "the zone must be non-empty, without whitespace or ';'");
      }
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        throw bad(pair, "no '/<prefix length>'");
      }
      byte[] network = Addresses.parseLiteral(cidr.substring(0, slash));
      if (network == null) {
        throw bad(pair, "'" + cidr.substring(0, slash) + "' is not an IPv4 or IPv6 address");
      }
      int prefix;
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw bad(pair, "'" + cidr.substring(slash + 1) + "' is not a prefix length");
      }
      int bits = network.length * 8;
      if (prefix < 0 || prefix > bits) {
        throw bad(pair, "prefix length " + prefix + " is not in 0.." + bits);
      }
      for (Subnet s : subnets) {
        if (s.prefix() == prefix && Arrays.equals(s.network(), masked(network, prefix))) {
          throw bad(pair, "subnet " + cidr + " is listed twice");
        }
      }
      subnets.add(new Subnet(masked(network, prefix), prefix, zone, cidr));
    }
    subnets.sort(Comparator.comparingInt(Subnet::prefix).reversed());
    return new SubnetZones(List.copyOf(subnets));
  }

  private static IllegalArgumentException bad(String pair, String why) {
    return new IllegalArgumentException("'" + pair + "': " + why);
  }

  // 10.0.1.7/24 means the subnet 10.0.1.0/24, as routers read it.
  private static byte[] masked(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  /** The zone of {@code address}, or empty when it lies in no listed subnet. */
  String zoneOf(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Subnet s : subnets) {
      if (s.contains(bytes)) {
        return s.zone();
      }
    }
    return "";
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Subnet s : subnets) {
      sb.append(sb.length() == 0 ? "" : ",").append(s.text()).append('=').append(s.zone());
    }
    return sb.toString();
  }
}
