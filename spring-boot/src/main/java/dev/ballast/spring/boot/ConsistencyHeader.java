package dev.ballast.spring.boot;

import dev.ballast.jdbc.ConsistencyToken;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code Ballast-Consistency} HTTP header: read-your-writes positions that name their database,
 * {@code <database>=<token>} entries separated by commas ({@code orders-db=lsn:0/3000148}). A
 * service applies only the entry of its own database ({@code ballast.jdbc.name}) and ignores the
 * others, so one header can carry a session's positions in several databases. Malformed entries are
 * ignored: a bad header never fails a request, it only loses the guarantee for that entry.
 * Stateless.
 */
public final class ConsistencyHeader {
  /** The header's name. */
  public static final String NAME = "Ballast-Consistency";

  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.-]+");

  private ConsistencyHeader() {}

  /**
   * {@return the well-formed entries of {@code values} (header values), the highest per database}
   *
   * @param values the header's values
   */
  public static Map<String, ConsistencyToken> parse(Iterable<String> values) {
    Map<String, ConsistencyToken> tokens = new TreeMap<>();
    for (String value : values) {
      for (String entry : value.split(",")) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String database = entry.substring(0, eq).trim();
        if (!DATABASE.matcher(database).matches()) {
          continue;
        }
        try {
          ConsistencyToken token = ConsistencyToken.parse(entry.substring(eq + 1));
          tokens.merge(database, token, ConsistencyToken::max);
        } catch (IllegalArgumentException e) {
          // ignored: see the class comment
        }
      }
    }
    return tokens;
  }

  /**
   * {@return the header value of {@code tokens}, sorted by database}
   *
   * @param tokens the token per database
   */
  public static String format(Map<String, ConsistencyToken> tokens) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(tokens)
        .forEach(
            (database, token) -> {
              if (sb.length() > 0) {
                sb.append(',');
              }
              sb.append(database).append('=').append(token.serialize());
            });
    return sb.toString();
  }
}
