package dev.ballast.spring.boot.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Collects every {@code ballast.*} property of a Spring {@code Environment} into a {@link
 * Properties} object for Ballast's own binders, with Spring's relaxed names: {@code
 * BALLAST_HTTP_SERVICES_ORDERS_ENDPOINTS}, {@code ballast.http.shutdownDrainTimeout} and YAML lists
 * ({@code endpoints: [a, b]}, joined with commas) all reach the binders under the key they
 * document. A key that matches no documented key is passed on as written, so the binders report it
 * with a "did you mean". Property sources are read in the environment's order of precedence: the
 * first source that sets a key wins, as in Spring. Stateless.
 */
public final class EnvironmentKeys {
  private static final String PREFIX = "ballast.";
  private static final String ENV_PREFIX = "BALLAST_";
  private static final Pattern INDEXED = Pattern.compile("^(.*)\\[(\\d+)]$");
  // HikariCP property names are camelCase and passed through as written.
  private static final Pattern HIKARI =
      Pattern.compile("^ballast\\.jdbc\\.(primary\\.|replicas\\.[^.]+\\.)?hikari\\..+");
  // Spring's own view of all sources, which would repeat every key.
  private static final String ATTACHED = "configurationProperties";

  private EnvironmentKeys() {}

  /** The {@code ballast.*} properties of {@code environment}, placeholders resolved. */
  public static Properties collect(ConfigurableEnvironment environment, KeyCatalog catalog) {
    Map<String, String> result = new TreeMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || source.getName().equals(ATTACHED)) {
        continue;
      }
      boolean envVars = source instanceof SystemEnvironmentPropertySource;
      Map<String, TreeMap<Integer, String>> lists = new TreeMap<>();
      Map<String, String> own = new TreeMap<>();
      for (String name : enumerable.getPropertyNames()) {
        String key = envVars ? fromEnvVar(name, catalog) : fromProperty(name, catalog);
        if (key == null) {
          continue;
        }
        Object raw = enumerable.getProperty(name);
        String value = raw == null ? "" : environment.resolvePlaceholders(String.valueOf(raw));
        Matcher indexed = INDEXED.matcher(key);
        if (indexed.matches()) {
          lists
              .computeIfAbsent(indexed.group(1), k -> new TreeMap<>())
              .put(Integer.parseInt(indexed.group(2)), value);
        } else {
          own.put(key, value);
        }
      }
      lists.forEach((key, items) -> own.putIfAbsent(key, String.join(",", items.values())));
      own.forEach(result::putIfAbsent);
    }
    Properties properties = new Properties();
    result.forEach(properties::setProperty);
    return properties;
  }

  private static @Nullable String fromEnvVar(String name, KeyCatalog catalog) {
    if (!name.toUpperCase(Locale.ROOT).startsWith(ENV_PREFIX)) {
      return null;
    }
    List<String> segments = new ArrayList<>();
    for (String s : name.split("_")) {
      if (!s.isEmpty()) {
        segments.add(s.toLowerCase(Locale.ROOT));
      }
    }
    return catalog.canonical(segments).orElse(String.join(".", segments));
  }

  private static @Nullable String fromProperty(String name, KeyCatalog catalog) {
    if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    Matcher indexed = INDEXED.matcher(name);
    String base = indexed.matches() ? indexed.group(1) : name;
    String suffix = indexed.matches() ? "[" + indexed.group(2) + "]" : "";
    if (HIKARI.matcher(base).matches()) {
      return name;
    }
    return catalog.canonical(Arrays.asList(base.split("\\."))).orElse(base) + suffix;
  }
}
