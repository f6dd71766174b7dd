package dev.ballast.spring.boot.internal;

import dev.ballast.http.internal.PropertiesBinder;
import dev.ballast.jdbc.internal.JdbcProperties;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.EndpointSourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code ballast.*} properties with the very binders that {@code
 * BallastHttpClient.fromProperties} and {@code RoutingDataSource.fromProperties} use, so that the
 * starter accepts and rejects exactly what they do, and merges their problems into one list.
 *
 * <p>Each binder checks its own namespace and reports keys outside both as unknown. A binder whose
 * namespace is not used at all ({@code ballast.http.} or {@code ballast.jdbc.}) is still run, for
 * the unknown keys, but its "missing required key" lines are dropped: an application that only
 * routes JDBC need not declare HTTP services. An unknown key reported by both binders is listed
 * once, with a "did you mean" when either found one. Starts nothing. Stateless.
 */
public final class ConfigValidation {
  static final String HTTP = "ballast.http.";
  static final String JDBC = "ballast.jdbc.";
  private static final String DID_YOU_MEAN = "did you mean";

  private ConfigValidation() {}

  /**
   * Every problem of {@code properties}, one line each ({@code <key>: <value> (expected: …)}),
   * secrets masked; empty when valid.
   */
  public static List<String> problems(
      Properties properties, Function<String, @Nullable String> environment) {
    return problems(properties, environment, reader -> {}, reader -> {});
  }

  /**
   * As {@link #problems(Properties, Function)}, handing each binder's reader to the given consumer
   * once every key has been read (to list the keys the binders know).
   */
  public static List<String> problems(
      Properties properties,
      Function<String, @Nullable String> environment,
      Consumer<ConfigReader> httpReader,
      Consumer<ConfigReader> jdbcReader) {
    return problems(properties, environment, httpReader, jdbcReader, List.of());
  }

  /**
   * As {@link #problems(Properties, Function, Consumer, Consumer)}, where {@code discovery=} may
   * also name one of {@code providers} (discovery sources of the application context).
   */
  public static List<String> problems(
      Properties properties,
      Function<String, @Nullable String> environment,
      Consumer<ConfigReader> httpReader,
      Consumer<ConfigReader> jdbcReader,
      List<? extends EndpointSourceProvider> providers) {
    boolean http = uses(properties, HTTP);
    boolean jdbc = uses(properties, JDBC);
    List<String> lines = new ArrayList<>();
    try {
      PropertiesBinder.bind(properties, environment, httpReader, providers);
    } catch (ConfigException e) {
      keep(lines, e.problems(), http ? null : HTTP);
    }
    try {
      JdbcProperties.bind(properties, environment, jdbcReader);
    } catch (ConfigException e) {
      keep(lines, e.problems(), jdbc ? null : JDBC);
    }
    return merge(lines);
  }

  /** Whether any key of {@code properties} lies under {@code prefix}. */
  public static boolean uses(Properties properties, String prefix) {
    return properties.stringPropertyNames().stream().anyMatch(k -> k.startsWith(prefix));
  }

  private static void keep(List<String> into, List<String> lines, @Nullable String unused) {
    for (String line : lines) {
      if (unused == null || !line.startsWith(unused)) {
        into.add(line);
      }
    }
  }

  /** One line per key, in order found; a line with a suggestion replaces one without. */
  private static List<String> merge(List<String> lines) {
    Map<String, String> byKey = new LinkedHashMap<>();
    Set<String> others = new LinkedHashSet<>();
    for (String line : lines) {
      int colon = line.indexOf(": ");
      if (colon < 0) {
        others.add(line);
        continue;
      }
      String key = line.substring(0, colon);
      String earlier = byKey.get(key);
      if (earlier == null) {
        byKey.put(key, line);
      } else if (!earlier.equals(line)
          && !earlier.contains(DID_YOU_MEAN)
          && line.contains(DID_YOU_MEAN)) {
        byKey.put(key, line);
      } else if (!earlier.equals(line) && !isUnknownKeyLine(earlier)) {
        // two different problems with one key (e.g. a value and a range): keep both
        others.add(line);
      }
    }
    List<String> result = new ArrayList<>(byKey.values());
    result.addAll(others);
    return List.copyOf(result);
  }

  private static boolean isUnknownKeyLine(String line) {
    return line.contains("(expected: a known key");
  }
}
