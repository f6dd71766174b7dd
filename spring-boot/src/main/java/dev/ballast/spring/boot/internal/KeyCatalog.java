package dev.ballast.spring.boot.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ballast.*} keys the starter's {@code META-INF/spring-configuration-metadata.json}
 * describes (one list, so the IDE metadata and the relaxed-name mapping cannot drift apart), and
 * the mapping of a relaxed name ({@code BALLAST_HTTP_SHUTDOWNDRAINTIMEOUT}, {@code
 * ballast.http.shutdownDrainTimeout}) to the canonical key ({@code
 * ballast.http.shutdown-drain-timeout}). Immutable.
 */
public final class KeyCatalog {
  /** Where the metadata lives on the class path. */
  public static final String METADATA = "META-INF/spring-configuration-metadata.json";

  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
  private static final String MAP_TYPE = "java.util.Map";
  private static final String ANY = "*";

  private final Map<String, String> types;
  private final List<String[]> patterns;

  private KeyCatalog(Map<String, String> types) {
    this.types = Map.copyOf(types);
    List<String[]> p = new ArrayList<>();
    for (String key : types.keySet()) {
      if (!isMap(key)) {
        p.add(key.split("\\."));
      }
    }
    // Per-service and per-replica keys: the map entries' names with one free segment.
    for (String key : types.keySet()) {
      if (key.startsWith("ballast.http.defaults.")) {
        p.add(("ballast.http.services.*." + key.substring(22)).split("\\."));
      }
    }
    p.add("ballast.http.services.*.endpoints".split("\\."));
    p.add("ballast.http.services.*.discovery.spring-cloud.service-id".split("\\."));
    p.add("ballast.jdbc.replicas.*.url".split("\\."));
    p.add("ballast.jdbc.replicas.*.zone".split("\\."));
    this.patterns = List.copyOf(p);
  }

  /** The catalog of the starter's own metadata. */
  public static KeyCatalog load() {
    ClassLoader loader = KeyCatalog.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(METADATA)) {
      if (in == null) {
        throw new IllegalStateException(METADATA + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the {@code properties} of a metadata document. Only names and types are needed, so a
   * pattern reads them (the starter brings no JSON library of its own).
   */
  static KeyCatalog parse(String json) {
    int start = json.indexOf("\"properties\"");
    int end = json.indexOf("\"hints\"");
    String section = json.substring(start, end < 0 ? json.length() : end);
    Map<String, String> types = new LinkedHashMap<>();
    Matcher m = NAME.matcher(section);
    Pattern type = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    while (m.find()) {
      Matcher t = type.matcher(section);
      String found = t.find(m.end()) ? t.group(1) : "java.lang.String";
      types.put(m.group(1), found);
    }
    return new KeyCatalog(types);
  }

  /** Every key the metadata describes, with its type. */
  public Map<String, String> types() {
    return types;
  }

  /** Whether {@code key} is described as a map (its entries are keys below it). */
  public boolean isMap(String key) {
    String t = types.get(key);
    return t != null && t.startsWith(MAP_TYPE);
  }

  /**
   * The canonical key that {@code segments} (a name split at dots, in any letter case, with or
   * without dashes) spells, or empty when it matches no known key. Free segments (service and
   * replica names) keep the spelling given.
   */
  public Optional<String> canonical(List<String> segments) {
    for (String[] pattern : patterns) {
      if (pattern.length != segments.size()) {
        continue;
      }
      StringBuilder out = new StringBuilder();
      boolean match = true;
      for (int i = 0; i < pattern.length && match; i++) {
        String given = segments.get(i);
        String want = pattern[i];
        if (want.equals(ANY)) {
          append(out, given);
        } else if (squash(want).equals(squash(given))) {
          append(out, want);
        } else {
          match = false;
        }
      }
      if (match) {
        return Optional.of(out.toString());
      }
    }
    return Optional.empty();
  }

  private static void append(StringBuilder out, String segment) {
    if (out.length() > 0) {
      out.append('.');
    }
    out.append(segment);
  }

  private static String squash(String segment) {
    return segment.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
