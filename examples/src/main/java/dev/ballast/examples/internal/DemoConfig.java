package dev.ballast.examples.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's Ballast configuration: the properties file {@code demo.properties} on the class path,
 * whose {@code ${name}} placeholders stand for what is only known at run time (ports of the local
 * instances and databases, the zone). Immutable.
 */
public final class DemoConfig {

  /** The class-path resource holding the configuration. */
  public static final String RESOURCE = "demo.properties";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");
  private static final String JDBC_PREFIX = "ballast.jdbc.";

  private final String text;

  private DemoConfig(String text) {
    this.text = text;
  }

  /** Loads {@value #RESOURCE} from the class path. */
  public static DemoConfig load() {
    try (InputStream in = DemoConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + ": missing from the class path");
      }
      return new DemoConfig(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": cannot be read", e);
    }
  }

  /** A configuration from {@code text} in properties syntax (for tests). */
  public static DemoConfig of(String text) {
    return new DemoConfig(requireNonNull(text, "text"));
  }

  /** The placeholder names the file uses, sorted. */
  public List<String> placeholders() {
    TreeSet<String> names = new TreeSet<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return List.copyOf(names);
  }

  /**
   * The file with every placeholder replaced by its value; without the {@code ballast.jdbc.*} lines
   * when {@code withDatabase} is false (their placeholders then need no value).
   *
   * @throws IllegalArgumentException naming every placeholder that has no value
   */
  public String resolvedText(Map<String, String> values, boolean withDatabase) {
    requireNonNull(values, "values");
    StringBuilder out = new StringBuilder();
    List<String> missing = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      if (!withDatabase && trimmed.startsWith(JDBC_PREFIX)) {
        continue;
      }
      if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
        out.append(line).append('\n');
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder resolved = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          missing.add(m.group());
          value = m.group();
        }
        m.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      m.appendTail(resolved);
      out.append(resolved).append('\n');
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          RESOURCE + ": " + missing + " (expected: placeholders among " + values.keySet() + ")");
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * The resolved file as {@link Properties}, ready for {@code BallastHttpClient.fromProperties} and
   * {@code RoutingDataSource.fromProperties}.
   *
   * @throws IllegalArgumentException naming every placeholder that has no value
   */
  public Properties resolve(Map<String, String> values, boolean withDatabase) {
    Properties props = new Properties();
    try {
      props.load(new StringReader(resolvedText(values, withDatabase)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return props;
  }
}
