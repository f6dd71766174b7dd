package dev.ballast.http.internal;

import dev.ballast.lb.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Parses the endpoint list syntax {@code URL[;zone=Z][;weight=W]}, comma-separated, e.g. {@code
 * http://10.0.1.5:8080;zone=us-east-1a, https://orders-2:8443;weight=2}. The endpoint id is {@code
 * host:port}; the scheme goes to the metadata key {@code scheme}. Default ports: 80 and 443.
 * Stateless.
 */
final class EndpointSpecs {
  static final String URL_EXPECTED =
      "an endpoint URL http://host[:port] or https://host[:port], no path, then ;zone=<zone> and"
          + " ;weight=<integer >= 1> if wanted";
  static final String LIST_EXPECTED =
      "a comma-separated list of http(s)://host[:port][;zone=<zone>][;weight=<integer >= 1>]";

  private EndpointSpecs() {}

  /**
   * Parses {@code spec}; each bad entry is reported to {@code problems} as (entry, expected) and
   * skipped.
   */
  static List<Endpoint> parse(String spec, BiConsumer<String, String> problems) {
    List<Endpoint> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String raw : spec.split(",", -1)) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        problems.accept(spec, LIST_EXPECTED);
        continue;
      }
      Endpoint e = parseOne(entry);
      if (e == null) {
        problems.accept(entry, URL_EXPECTED);
      } else if (!ids.add(e.id())) {
        problems.accept(entry, "each endpoint once (" + e.id() + " is listed twice)");
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static @org.jspecify.annotations.Nullable Endpoint parseOne(String entry) {
    String[] parts = entry.split(";", -1);
    URI uri;
    try {
      uri = new URI(parts[0].trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    String host = uri.getHost();
    if (host == null
        || host.isEmpty()
        || uri.getUserInfo() != null
        || uri.getQuery() != null
        || uri.getFragment() != null
        || !(uri.getRawPath() == null
            || uri.getRawPath().isEmpty()
            || uri.getRawPath().equals("/"))) {
      return null;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      return null;
    }
    Endpoint.Builder b = Endpoint.builder(host, port).metadata(ServiceRuntime.SCHEME, scheme);
    for (int i = 1; i < parts.length; i++) {
      String attr = parts[i].trim();
      int eq = attr.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String key = attr.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = attr.substring(eq + 1).trim();
      if (key.equals("zone") && !value.isEmpty()) {
        b.zone(value);
      } else if (key.equals("weight")) {
        try {
          int w = Integer.parseInt(value);
          if (w < 1) {
            return null;
          }
          b.weight(w);
        } catch (NumberFormatException ex) {
          return null;
        }
      } else {
        return null;
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }
}
