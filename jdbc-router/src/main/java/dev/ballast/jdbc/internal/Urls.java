package dev.ballast.jdbc.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs in messages and logs: secrets masked, host and port extracted. Stateless. */
public final class Urls {
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)((?:password|secret|token|credentials)[a-z]*=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");
  private static final Pattern HOST_PORT =
      Pattern.compile("^jdbc:[a-z0-9]+(?::[a-z0-9]+)*://\\[?([^/\\]:,?;]+)\\]?(?::(\\d+))?");

  private Urls() {}

  /** {@code url} with passwords (query parameters and user-info) replaced by {@code ****}. */
  public static String mask(String url) {
    String masked = SECRET_PARAM.matcher(url).replaceAll("$1****");
    return USER_INFO.matcher(masked).replaceAll("//$1:****@");
  }

  /** The first host of {@code url}, or {@code fallback} when the URL names none. */
  public static String host(String url, String fallback) {
    Matcher m = HOST_PORT.matcher(url);
    return m.find() ? m.group(1) : fallback;
  }

  /** The first port of {@code url}, or {@code fallback} when the URL names none or a bad one. */
  public static int port(String url, int fallback) {
    Matcher m = HOST_PORT.matcher(url);
    if (m.find() && m.group(2) != null) {
      try {
        int p = Integer.parseInt(m.group(2));
        return p >= 1 && p <= 65535 ? p : fallback;
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
