package dev.ballast.testkit.internal.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals, never names: a name would be looked up by the JDK's resolver. */
public final class Literals {
  private Literals() {}

  /**
   * The address written as {@code literal}, of {@code family} ({@link Inet4Address}, {@link
   * Inet6Address} or {@link InetAddress} for either).
   *
   * @throws IllegalArgumentException {@code address: '<literal>' (expected: …)} when it is not one
   */
  public static InetAddress parse(String literal, Class<? extends InetAddress> family) {
    String expected =
        family == Inet4Address.class
            ? "an IPv4 address literal"
            : family == Inet6Address.class ? "an IPv6 address literal" : "an IP address literal";
    // Only literals: a name would be looked up by the JDK's resolver.
    if (!literal.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("address: '" + literal + "' (expected: " + expected + ")");
    }
    try {
      InetAddress a = InetAddress.getByName(literal);
      if (!family.isInstance(a)) {
        throw new IllegalArgumentException(
            "address: '" + literal + "' (expected: " + expected + ")");
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "address: '" + literal + "' (expected: " + expected + ")", e);
    }
  }
}
