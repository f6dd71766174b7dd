package dev.ballast.discovery.zookeeper;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.net.URI;
import java.util.Locale;

/**
 * Parses one endpoint entry as written in {@code endpoints=}: {@code
 * scheme://host:port[;zone=Z][;weight=W][;draining=true|false]}, the scheme {@code http} (default
 * when left out) or {@code https}. Stateless.
 */
final class EndpointEntry {
  static final String EXPECTED =
      "[http(s)://]host:port[;zone=<zone>][;weight=<integer >= 1>][;draining=true|false]";

  private EndpointEntry() {}

  /**
   * The endpoint {@code entry} describes.
   *
   * @throws IllegalArgumentException naming the entry and the expected form
   */
  static DiscoveredEndpoint parse(String entry) {
    String text = entry.trim();
    try {
      String[] parts = text.split(";", -1);
      String url = parts[0].trim();
      URI uri = URI.create(url.contains("://") ? url : "http://" + url);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      String path = uri.getRawPath();
      if (!(scheme.equals("http") || scheme.equals("https"))
          || host == null
          || uri.getPort() < 1
          || !(path == null || path.isEmpty() || path.equals("/"))) {
        throw new IllegalArgumentException("bad address");
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      Endpoint.Builder b = Endpoint.builder(host, uri.getPort()).metadata("scheme", scheme);
      boolean draining = false;
      for (int i = 1; i < parts.length; i++) {
        String attr = parts[i].trim();
        int eq = attr.indexOf('=');
        String key = eq < 0 ? attr : attr.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : attr.substring(eq + 1).trim();
        switch (key) {
          case "zone" -> b.zone(value);
          case "weight" -> b.weight(Integer.parseInt(value));
          case "draining" -> draining = parseBool(value);
          default -> throw new IllegalArgumentException("unknown attribute " + key);
        }
      }
      return new DiscoveredEndpoint(b.build(), draining);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "endpoint entry: '" + text + "' (expected: " + EXPECTED + ")", e);
    }
  }

  private static boolean parseBool(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("draining: " + value);
  }
}
