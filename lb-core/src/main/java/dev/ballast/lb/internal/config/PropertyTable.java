package dev.ballast.lb.internal.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The properties being bound, trimmed and sorted, with two records kept as they are read: every key
 * asked for is <em>known</em> (a candidate for "did you mean"), every key found is
 * <em>consumed</em> (not unknown). Bad values go to a {@link ProblemLog} and binding goes on.
 *
 * <p>Reads take a list of keys, most specific first (a service's key, then its fallback under the
 * defaults): the first present wins, and the others present are validated too, since they are
 * configuration as well. Not thread-safe: meant for one thread at start-up.
 */
public final class PropertyTable {
  private final NavigableMap<String, String> properties = new TreeMap<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> consumed = new TreeSet<>();
  private final ProblemLog problems = new ProblemLog();

  /** A table of {@code properties} (copied, including their defaults), with no problem yet. */
  public PropertyTable(Properties properties) {
    for (String key : properties.stringPropertyNames()) {
      this.properties.put(key, properties.getProperty(key, "").trim());
    }
  }

  /** Where bad values read from this table are recorded; other problems may be added there too. */
  public ProblemLog problems() {
    return problems;
  }

  /**
   * Parses the first of {@code keys} that is present. A present value that is empty or that {@code
   * parser} rejects (by throwing any runtime exception) is recorded as {@code <key>: <value>
   * (expected: <expected>)}; a rejected first value yields empty, not a later key's value.
   */
  public <T> Optional<T> read(
      List<String> keys, String expected, Function<String, ? extends T> parser) {
    known.addAll(keys);
    T result = null;
    boolean decided = false;
    for (String key : keys) {
      String raw = properties.get(key);
      if (raw == null) {
        continue;
      }
      consumed.add(key);
      T value = null;
      if (raw.isEmpty()) {
        problems.add(key, raw, expected);
      } else {
        try {
          value = parser.apply(raw);
        } catch (RuntimeException e) {
          problems.add(key, raw, expected);
        }
      }
      if (!decided) {
        decided = true;
        result = value;
      }
    }
    return Optional.ofNullable(result);
  }

  /**
   * As {@link #read} of the value as written; when none of {@code keys} is present, records {@code
   * <first key>: (missing) (expected: <expected>)} and returns an empty string.
   */
  public String required(List<String> keys, String expected) {
    requireNonNull(expected, "expected");
    Optional<String> value = read(keys, expected, Function.identity());
    if (keys.stream().noneMatch(properties::containsKey)) {
      problems.add(keys.get(0), null, expected);
    }
    return value.orElse("");
  }

  /** The first of {@code keys} that is present; reads nothing. */
  public Optional<String> firstPresent(List<String> keys) {
    return keys.stream().filter(properties::containsKey).findFirst();
  }

  /** The trimmed value of {@code key}, or null when absent; reads nothing. */
  public @Nullable String raw(String key) {
    return properties.get(key);
  }

  /** The distinct next dotted segments of the keys under {@code prefix}, sorted; reads nothing. */
  public List<String> names(String prefix) {
    Set<String> names = new TreeSet<>();
    for (String key : under(prefix).keySet()) {
      String rest = key.substring(prefix.length());
      int dot = rest.indexOf('.');
      String name = dot < 0 ? rest : rest.substring(0, dot);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * Every key strictly under {@code prefix}, stripped of it, mapped to its value; sorted,
   * unmodifiable. The keys become known and consumed.
   */
  public Map<String, String> passthrough(String prefix) {
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, String> e : under(prefix).entrySet()) {
      String key = e.getKey();
      if (key.length() > prefix.length()) {
        known.add(key);
        consumed.add(key);
        result.put(key.substring(prefix.length()), e.getValue());
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** The keys under {@code prefix} that no read consumed, with their values, sorted by key. */
  public Map<String, String> unconsumed(String prefix) {
    Map<String, String> result = new TreeMap<>(under(prefix));
    result.keySet().removeAll(consumed);
    return result;
  }

  /** Every key asked for so far, in the order first asked; an unmodifiable snapshot. */
  public Set<String> knownKeys() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(known));
  }

  /** The consumed properties as {@code key=value} lines sorted by key, secret values masked. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (String key : consumed) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      String value = properties.getOrDefault(key, "");
      sb.append(key)
          .append('=')
          .append(Secrets.isSecret(key) && !value.isEmpty() ? Secrets.MASK : value);
    }
    return sb.toString();
  }

  private NavigableMap<String, String> under(String prefix) {
    requireNonNull(prefix, "prefix");
    NavigableMap<String, String> tail = properties.tailMap(prefix, true);
    // The keys starting with prefix are contiguous in sort order: stop at the first that does not.
    for (String key : tail.keySet()) {
      if (!key.startsWith(prefix)) {
        return tail.headMap(key, false);
      }
    }
    return tail;
  }
}
