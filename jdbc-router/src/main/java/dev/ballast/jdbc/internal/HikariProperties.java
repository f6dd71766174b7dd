package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.internal.config.EditDistance;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies {@code hikari.*} properties to a {@link HikariConfig} by its setters: a property exists
 * when HikariConfig has a public one-argument setter of that name taking text, a number or a
 * boolean ({@code maximumPoolSize} → {@code setMaximumPoolSize(int)}); {@code dataSource.<name>}
 * becomes a driver property. Every problem is recorded in the reader under the full key. Stateless.
 */
final class HikariProperties {
  private static final Map<String, Method> SETTERS = setters();

  /** Properties the router sets itself, per host. */
  private static final Map<String, String> RESERVED =
      Map.of(
          "jdbcUrl",
              "not set here: use ballast.jdbc.primary.url or ballast.jdbc.replicas.<name>.url",
          "poolName", "not set here: each pool is named <ballast.jdbc.name>-<host>",
          "dataSourceClassName", "not set here: hosts are given by JDBC URL",
          "dataSourceJNDI", "not set here: hosts are given by JDBC URL");

  private HikariProperties() {}

  /**
   * Applies {@code values} (keys relative to {@code keyPrefix}, e.g. {@code ballast.jdbc.hikari.})
   * to {@code config}, recording a problem for each key that is unknown, reserved, or whose value
   * does not convert or is refused by HikariCP.
   */
  static void apply(
      HikariConfig config, Map<String, String> values, String keyPrefix, ConfigReader reader) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      String key = keyPrefix + name;
      if (name.startsWith("dataSource.")) {
        String property = name.substring("dataSource.".length());
        if (property.isEmpty() || value.isEmpty()) {
          reader.problem(key, value, "a driver property name after 'dataSource.' and a value");
        } else {
          config.addDataSourceProperty(property, value);
        }
        continue;
      }
      String reserved = RESERVED.get(name);
      if (reserved != null) {
        reader.problem(key, value, reserved);
        continue;
      }
      Method setter = SETTERS.get(name);
      if (setter == null) {
        Optional<String> closest = EditDistance.closest(name, SETTERS.keySet());
        reader.problem(
            key,
            value,
            "a HikariCP property" + closest.map(c -> "; did you mean '" + c + "'?").orElse(""));
        continue;
      }
      Class<?> type = setter.getParameterTypes()[0];
      Object converted;
      try {
        converted = convert(value, type);
      } catch (IllegalArgumentException ex) {
        reader.problem(key, value, describe(type) + " (HikariCP " + name + ")");
        continue;
      }
      try {
        setter.invoke(config, converted);
      } catch (InvocationTargetException ex) {
        Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
        reader.problem(
            key, value, "a value HikariCP accepts for " + name + ": " + cause.getMessage());
      } catch (IllegalAccessException ex) {
        reader.problem(key, value, "a HikariCP property that can be set");
      }
    }
  }

  private static Object convert(String value, Class<?> type) {
    if (type == String.class) {
      return value;
    }
    if (type == int.class || type == Integer.class) {
      return Integer.parseInt(value);
    }
    if (type == long.class || type == Long.class) {
      return Long.parseLong(value);
    }
    if (type == boolean.class || type == Boolean.class) {
      String v = value.toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      throw new IllegalArgumentException(value);
    }
    if (type == double.class || type == Double.class) {
      return Double.parseDouble(value);
    }
    throw new IllegalArgumentException(value);
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    return "a value settable from text";
  }

  private static Map<String, Method> setters() {
    Map<String, Method> m = new TreeMap<>();
    for (Method method : HikariConfig.class.getMethods()) {
      String n = method.getName();
      if (n.length() > 3
          && n.startsWith("set")
          && method.getParameterCount() == 1
          && Modifier.isPublic(method.getModifiers())
          && settableFromText(method.getParameterTypes()[0])) {
        String property = Character.toLowerCase(n.charAt(3)) + n.substring(4);
        m.put(property, method);
      }
    }
    return m;
  }

  private static boolean settableFromText(Class<?> t) {
    return t == String.class
        || t == int.class
        || t == Integer.class
        || t == long.class
        || t == Long.class
        || t == boolean.class
        || t == Boolean.class
        || t == double.class
        || t == Double.class;
  }
}
