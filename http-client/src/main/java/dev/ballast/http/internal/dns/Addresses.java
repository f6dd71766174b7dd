package dev.ballast.http.internal.dns;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** IP literals without a lookup: a host name here would call the JDK's blocking resolver. */
final class Addresses {
  private Addresses() {}

  /** The bytes of an IPv4 or IPv6 literal (4 or 16), or null when {@code text} is not one. */
  static byte @Nullable [] parseLiteral(String text) {
    return NetUtil.createByteArrayFromIpAddressString(text);
  }

  /**
   * {@code ip[:port]} or {@code [ipv6][:port]} as a socket address, port 53 when absent.
   *
   * @throws IllegalArgumentException when it is not of that form
   */
  static InetSocketAddress parseServer(String text) {
    String host = text;
    int port = 53;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(text);
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(text);
        }
        port = port(rest.substring(1), text);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text.substring(text.indexOf(':') + 1), text);
    }
    byte[] bytes = parseLiteral(host);
    if (bytes == null) {
      throw new IllegalArgumentException(text);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static int port(String digits, String text) {
    try {
      int port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(text);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
