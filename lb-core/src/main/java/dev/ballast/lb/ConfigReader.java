package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.config.EditDistance;
import dev.ballast.lb.internal.config.ProblemLine;
import dev.ballast.lb.internal.config.Secrets;
import dev.ballast.lb.internal.config.ValueParsers;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads Ballast properties ({@code ballast.*}) and collects every problem instead of stopping at
 * the first, so that one start-up failure lists them all.
 *
 * <p>Usage: read every key through the getters (directly, or relative to a {@link #scope(String,
 * String) scope} with per-service fallback), then call {@link #checkUnknownKeys()} and {@link
 * #throwIfProblems()}. Each problem has the form {@code <key>: <value> (expected: <what>)}; values
 * of secret keys (whose last segment contains {@code password}, {@code secret}, {@code token} or
 * {@code credentials}) are shown as {@code ****}, a missing value as {@code (missing)} and an empty
 * one as {@code (empty)}.
 *
 * <p>Values are trimmed. An empty value is a problem for every typed getter. A getter that finds no
 * usable value returns its default (or an empty {@code Optional}); a malformed value is recorded as
 * a problem and also yields the default, so binding can go on and report more. Every key passed to
 * a getter becomes <em>known</em> (a candidate for "did you mean"), and every key found becomes
 * <em>consumed</em> (not unknown).
 *
 * <p>The properties are copied when the reader is made; later changes to them are not seen. Not
 * thread-safe: meant for one thread at start-up.
 */
public final class ConfigReader {
  /** The namespace whose unread keys {@link #checkUnknownKeys()} reports. */
  public static final String NAMESPACE = "ballast.";

  private static final String NON_EMPTY = "a non-empty value";

  private final NavigableMap<String, String> properties = new TreeMap<>();
  private final Function<String, @Nullable String> environment;
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> consumed = new TreeSet<>();
  private final Set<String> problems = new LinkedHashSet<>();

  /**
   * A reader of {@code properties} that looks up environment variables with System::getenv.
   *
   * @param properties the properties to read (copied)
   */
  public ConfigReader(Properties properties) {
    this(properties, System::getenv);
  }

  /**
   * A reader of {@code properties} (including their defaults) that looks up environment variables
   * with {@code environment} (which returns null for an unset variable).
   *
   * @param properties the properties to read (copied)
   * @param environment looks up an environment variable; returns null when it is unset
   */
  public ConfigReader(Properties properties, Function<String, @Nullable String> environment) {
    requireNonNull(properties, "properties");
    this.environment = requireNonNull(environment, "environment");
    for (String key : properties.stringPropertyNames()) {
      this.properties.put(key, properties.getProperty(key, "").trim());
    }
  }

  /**
   * {@return a view whose getters take keys relative to {@code prefix} and fall back to {@code
   * fallbackPrefix}: {@code scope("ballast.http.services.orders.", "ballast.http.defaults.")
   * .duration("slow-start.window", …)} reads {@code
   * ballast.http.services.orders.slow-start.window}, else {@code
   * ballast.http.defaults.slow-start.window}} Prefixes are concatenated as given, so they normally
   * end with a dot. A fallback value present is validated even when the primary key overrides it
   * (it is still configuration); repeated problems are reported once. Keys that only appear under
   * the fallback prefix are consumed only when some scope reads them.
   *
   * @param prefix the key prefix, normally ending with a dot
   * @param fallbackPrefix the prefix read when a key is absent under {@code prefix}
   */
  public Scope scope(String prefix, String fallbackPrefix) {
    return new Scope(
        this, requireNonNull(prefix, "prefix"), requireNonNull(fallbackPrefix, "fallbackPrefix"));
  }

  /**
   * {@return a view whose getters take keys relative to {@code prefix}, with no fallback}
   *
   * @param prefix the key prefix, normally ending with a dot
   */
  public Scope scope(String prefix) {
    return new Scope(this, requireNonNull(prefix, "prefix"), null);
  }

  /**
   * {@return the value of {@code key}, or {@code def} when absent; an empty value is a problem}
   *
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   */
  public String string(String key, String def) {
    return optionalString(key).orElse(def);
  }

  /**
   * {@return the value of {@code key}, or empty when absent; an empty value is a problem}
   *
   * @param key the full property key
   */
  public Optional<String> optionalString(String key) {
    return get(keys(key), NON_EMPTY, Function.identity());
  }

  /**
   * {@return the value of {@code key}; when absent, records {@code <key>: (missing) (expected:
   * <expected>)} and returns an empty string}
   *
   * @param key the full property key
   * @param expected what a valid value looks like, for the problem line
   */
  public String required(String key, String expected) {
    return required(keys(key), expected);
  }

  /**
   * {@return the duration at {@code key} (see {@link Durations#parse}), or {@code def} when absent}
   *
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   */
  public Duration duration(String key, Duration def) {
    return optionalDuration(key).orElse(def);
  }

  /**
   * {@return the duration at {@code key} (see {@link Durations#parse}), or empty when absent}
   *
   * @param key the full property key
   */
  public Optional<Duration> optionalDuration(String key) {
    return get(keys(key), Durations.EXPECTED, Durations::parse);
  }

  /**
   * {@return the integer at {@code key}, which must lie in {@code min..max} (inclusive; pass {@code
   * Integer.MIN_VALUE}/{@code Integer.MAX_VALUE} for no bound), or {@code def} when absent}
   *
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   * @param min the smallest accepted value
   * @param max the largest accepted value
   */
  public int integer(String key, int def, int min, int max) {
    return optionalInteger(key, min, max).orElse(def);
  }

  /**
   * As {@link #integer}, empty when absent.
   *
   * @param key the full property key
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value; empty when absent or invalid
   */
  public Optional<Integer> optionalInteger(String key, int min, int max) {
    return get(
        keys(key), ValueParsers.integerExpected(min, max), v -> ValueParsers.integer(v, min, max));
  }

  /**
   * {@return the finite number at {@code key}, which must lie in {@code min..max} (inclusive; pass
   * infinities for no bound), or {@code def} when absent}
   *
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   * @param min the smallest accepted value
   * @param max the largest accepted value
   */
  public double decimal(String key, double def, double min, double max) {
    return optionalDecimal(key, min, max).orElse(def);
  }

  /**
   * As {@link #decimal}, empty when absent.
   *
   * @param key the full property key
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value; empty when absent or invalid
   */
  public Optional<Double> optionalDecimal(String key, double min, double max) {
    return get(
        keys(key), ValueParsers.decimalExpected(min, max), v -> ValueParsers.decimal(v, min, max));
  }

  /**
   * {@return {@code true} or {@code false} (any letter case) at {@code key}, or {@code def} when
   * absent}
   *
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   */
  public boolean bool(String key, boolean def) {
    return optionalBool(key).orElse(def);
  }

  /**
   * As {@link #bool}, empty when absent.
   *
   * @param key the full property key
   * @return the value; empty when absent or invalid
   */
  public Optional<Boolean> optionalBool(String key) {
    return get(keys(key), ValueParsers.BOOL_EXPECTED, ValueParsers::bool);
  }

  /**
   * {@return the value at {@code key} converted by {@code parser}, or {@code def} when absent} The
   * parser gets the trimmed, non-empty value and signals a bad one by throwing any runtime
   * exception (its message is not shown; {@code expected} is, e.g. {@code "one of " +
   * Strategy.names()}).
   *
   * @param <T> the type of the parsed value
   * @param key the full property key
   * @param def the value when the key is absent or invalid
   * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when it
   *     is not valid
   * @param expected what a valid value looks like, for the problem line
   */
  public <T> T choice(String key, T def, Function<String, ? extends T> parser, String expected) {
    return this.<T>optionalChoice(key, parser, expected).orElse(def);
  }

  /**
   * As {@link #choice}, empty when absent.
   *
   * @param <T> the type of the parsed value
   * @param key the full property key
   * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when it
   *     is not valid
   * @param expected what a valid value looks like, for the problem line
   * @return the parsed value; empty when absent or invalid
   */
  public <T> Optional<T> optionalChoice(
      String key, Function<String, ? extends T> parser, String expected) {
    return get(keys(key), requireNonNull(expected, "expected"), requireNonNull(parser, "parser"));
  }

  /**
   * {@return the zone shares such as {@code a=40,b=40,c=20} at {@code key}, in the order written
   * (unmodifiable); empty when absent or malformed}
   *
   * @param key the full property key
   */
  public Map<String, Double> shares(String key) {
    return shares(keys(key));
  }

  /**
   * {@return the distinct next dotted segments of the keys under {@code prefix}, sorted: {@code
   * names("ballast.http.services.")} gives the service names} Names cannot contain dots. Reads
   * nothing: the keys under each name still have to be read.
   *
   * @param prefix the key prefix, normally ending with a dot
   */
  public List<String> names(String prefix) {
    requireNonNull(prefix, "prefix");
    Set<String> names = new TreeSet<>();
    for (String key : properties.tailMap(prefix).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
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
   * {@return every key under {@code prefix} with the prefix stripped, mapped to its trimmed value
   * (which may be empty), sorted by key, unmodifiable: {@code passthrough("ballast.jdbc.hikari.")}
   * gives {@code maximumPoolSize=10}} The keys count as consumed; validating the values is the
   * caller's job (report a bad one with {@link #problem}).
   *
   * @param prefix the key prefix, normally ending with a dot
   */
  public Map<String, String> passthrough(String prefix) {
    requireNonNull(prefix, "prefix");
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, String> e : properties.tailMap(prefix).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      if (key.length() > prefix.length()) {
        known.add(key);
        consumed.add(key);
        result.put(key.substring(prefix.length()), e.getValue());
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * {@return the trimmed value of environment variable {@code name}; empty when unset or blank}
   *
   * @param name the environment variable
   */
  public Optional<String> env(String name) {
    String value = environment.apply(requireNonNull(name, "name"));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * Records the problem {@code <key>: <value> (expected: <expected>)}; a null value is shown as
   * {@code (missing)}, a secret one masked. A problem already recorded is not repeated.
   *
   * @param key the full property key
   * @param value the offending value, or null when it is missing (shown masked for secret keys)
   * @param expected what a valid value looks like, for the problem line
   */
  public void problem(String key, @Nullable String value, String expected) {
    requireNonNull(key, "key");
    requireNonNull(expected, "expected");
    problems.add(key + ": " + Secrets.render(key, value) + " (expected: " + expected + ")");
  }

  /** {@return the problems recorded so far, in order; unmodifiable snapshot} */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * {@return every key read so far (passed to a getter, with fallback variants, or found by {@link
   * #passthrough}), in the order first read; unmodifiable snapshot} Lets tooling list the keys a
   * binder knows, e.g. to check generated IDE metadata against it.
   */
  public Set<String> knownKeys() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(known));
  }

  /** {@return whether any problem was recorded} */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * Records a problem for every property under {@link #NAMESPACE} that no getter consumed, sorted
   * by key: {@code <key>: <value> (expected: a known key; did you mean '<closest>'?)}, the closest
   * of the keys read so far (including fallback variants) by edit distance, omitted when none is
   * within a third of the key's length. The value is masked when the key or its suggestion is a
   * secret. Call it after everything has been read.
   */
  public void checkUnknownKeys() {
    for (Map.Entry<String, String> e : properties.tailMap(NAMESPACE).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(NAMESPACE)) {
        break;
      }
      if (!consumed.contains(key)) {
        Optional<String> closest = EditDistance.closest(key, known);
        // A misspelt secret key ("pasword") is not secret by its own name; its value still is.
        boolean secret = closest.filter(Secrets::isSecret).isPresent() && !e.getValue().isEmpty();
        problem(
            key,
            secret ? Secrets.MASK : e.getValue(),
            "a known key" + closest.map(k -> "; did you mean '" + k + "'?").orElse(""));
      }
    }
  }

  /**
   * Throws when any problem was recorded.
   *
   * @throws ConfigException with every problem, one per line, in the order recorded
   */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(new ArrayList<>(problems));
    }
  }

  /**
   * {@return the consumed properties as {@code key=value} lines sorted by key, secrets masked: the
   * configuration in effect, for a start-up log line} Empty when nothing was read.
   */
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

  private static List<String> keys(String key) {
    return List.of(requireNonNull(key, "key"));
  }

  /**
   * Reads the first of {@code keys} that is present and parses it; the others present are validated
   * too. Every key becomes known, every present one consumed.
   */
  private <T> Optional<T> get(
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
        problem(key, raw, expected);
      } else {
        try {
          value = parser.apply(raw);
        } catch (RuntimeException e) {
          problem(key, raw, expected);
        }
      }
      if (!decided) {
        decided = true;
        result = value;
      }
    }
    return Optional.ofNullable(result);
  }

  private String required(List<String> keys, String expected) {
    requireNonNull(expected, "expected");
    Optional<String> value = get(keys, expected, Function.identity());
    if (keys.stream().noneMatch(properties::containsKey)) {
      problem(keys.get(0), null, expected);
    }
    return value.orElse("");
  }

  private Map<String, Double> shares(List<String> keys) {
    return get(keys, ValueParsers.SHARES_EXPECTED, ValueParsers::shares)
        .map(Collections::unmodifiableMap)
        .orElse(Map.of());
  }

  private Optional<String> present(List<String> keys) {
    for (String key : keys) {
      if (properties.containsKey(key)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private @Nullable String raw(String key) {
    return properties.get(key);
  }

  /**
   * Getters relative to a prefix, falling back to a second prefix; see {@link
   * ConfigReader#scope(String, String)}. Problems name the key actually found, or the primary key
   * when neither is set. Not thread-safe, like its reader.
   */
  public static final class Scope {
    private final ConfigReader reader;
    private final String prefix;
    private final @Nullable String fallbackPrefix;

    private Scope(ConfigReader reader, String prefix, @Nullable String fallbackPrefix) {
      this.reader = reader;
      this.prefix = prefix;
      this.fallbackPrefix = fallbackPrefix;
    }

    /** {@return the reader this scope reads from (and records problems in)} */
    public ConfigReader reader() {
      return reader;
    }

    /** {@return the primary prefix, e.g. {@code ballast.http.services.orders.}} */
    public String prefix() {
      return prefix;
    }

    /**
     * {@return the fallback prefix, e.g. {@code ballast.http.defaults.}; empty when there is none}
     */
    public Optional<String> fallbackPrefix() {
      return Optional.ofNullable(fallbackPrefix);
    }

    /**
     * {@return the primary full key of {@code relativeKey}: {@code prefix + relativeKey}}
     *
     * @param relativeKey the key, relative to the scope's prefix
     */
    public String key(String relativeKey) {
      return prefix + requireNonNull(relativeKey, "relativeKey");
    }

    /**
     * {@return the full key that supplies {@code relativeKey}: the primary key if set, else the
     * fallback key if set, else the primary key} Reads nothing.
     *
     * @param relativeKey the key, relative to the scope's prefix
     */
    public String keyFor(String relativeKey) {
      return reader.present(keys(relativeKey)).orElse(key(relativeKey));
    }

    /**
     * See {@link ConfigReader#string}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @return the value, or {@code def}
     */
    public String string(String relativeKey, String def) {
      return optionalString(relativeKey).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalString}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @return the value; empty when absent
     */
    public Optional<String> optionalString(String relativeKey) {
      return reader.get(keys(relativeKey), NON_EMPTY, Function.identity());
    }

    /**
     * See {@link ConfigReader#required}; a missing value is reported under the primary key.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param expected what a valid value looks like, for the problem line
     * @return the value; an empty string when it is missing
     */
    public String required(String relativeKey, String expected) {
      return reader.required(keys(relativeKey), expected);
    }

    /**
     * See {@link ConfigReader#duration}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @return the value, or {@code def}
     */
    public Duration duration(String relativeKey, Duration def) {
      return optionalDuration(relativeKey).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalDuration}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @return the value; empty when absent or invalid
     */
    public Optional<Duration> optionalDuration(String relativeKey) {
      return reader.get(keys(relativeKey), Durations.EXPECTED, Durations::parse);
    }

    /**
     * See {@link ConfigReader#integer}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value, or {@code def}
     */
    public int integer(String relativeKey, int def, int min, int max) {
      return optionalInteger(relativeKey, min, max).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalInteger}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value; empty when absent or invalid
     */
    public Optional<Integer> optionalInteger(String relativeKey, int min, int max) {
      return reader.get(
          keys(relativeKey),
          ValueParsers.integerExpected(min, max),
          v -> ValueParsers.integer(v, min, max));
    }

    /**
     * See {@link ConfigReader#decimal}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value, or {@code def}
     */
    public double decimal(String relativeKey, double def, double min, double max) {
      return optionalDecimal(relativeKey, min, max).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalDecimal}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value; empty when absent or invalid
     */
    public Optional<Double> optionalDecimal(String relativeKey, double min, double max) {
      return reader.get(
          keys(relativeKey),
          ValueParsers.decimalExpected(min, max),
          v -> ValueParsers.decimal(v, min, max));
    }

    /**
     * See {@link ConfigReader#bool}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @return the value, or {@code def}
     */
    public boolean bool(String relativeKey, boolean def) {
      return optionalBool(relativeKey).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalBool}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @return the value; empty when absent or invalid
     */
    public Optional<Boolean> optionalBool(String relativeKey) {
      return reader.get(keys(relativeKey), ValueParsers.BOOL_EXPECTED, ValueParsers::bool);
    }

    /**
     * See {@link ConfigReader#choice}.
     *
     * @param <T> the type of the parsed value
     * @param relativeKey the key, relative to the scope's prefix
     * @param def the value when the key is absent or invalid
     * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when
     *     it is not valid
     * @param expected what a valid value looks like, for the problem line
     * @return the parsed value, or {@code def}
     */
    public <T> T choice(
        String relativeKey, T def, Function<String, ? extends T> parser, String expected) {
      return this.<T>optionalChoice(relativeKey, parser, expected).orElse(def);
    }

    /**
     * See {@link ConfigReader#optionalChoice}.
     *
     * @param <T> the type of the parsed value
     * @param relativeKey the key, relative to the scope's prefix
     * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when
     *     it is not valid
     * @param expected what a valid value looks like, for the problem line
     * @return the parsed value; empty when absent or invalid
     */
    public <T> Optional<T> optionalChoice(
        String relativeKey, Function<String, ? extends T> parser, String expected) {
      return reader.get(
          keys(relativeKey),
          requireNonNull(expected, "expected"),
          requireNonNull(parser, "parser"));
    }

    /**
     * See {@link ConfigReader#shares}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @return the share per zone; empty when absent
     */
    public Map<String, Double> shares(String relativeKey) {
      return reader.shares(keys(relativeKey));
    }

    /**
     * See {@link ConfigReader#passthrough}: the keys under the fallback prefix plus {@code
     * relativePrefix}, overridden by those under the primary prefix plus {@code relativePrefix}.
     *
     * @param relativePrefix the prefix, relative to the scope's prefix
     * @return the keys with the prefix stripped, mapped to their values
     */
    public Map<String, String> passthrough(String relativePrefix) {
      requireNonNull(relativePrefix, "relativePrefix");
      Map<String, String> merged = new TreeMap<>();
      if (fallbackPrefix != null) {
        merged.putAll(reader.passthrough(fallbackPrefix + relativePrefix));
      }
      merged.putAll(reader.passthrough(prefix + relativePrefix));
      return Collections.unmodifiableMap(merged);
    }

    /**
     * Records a problem for {@code relativeKey} under {@link #keyFor its full key}.
     *
     * @param relativeKey the key, relative to the scope's prefix
     * @param value the offending value, or null when it is missing (shown masked for secret keys)
     * @param expected what a valid value looks like, for the problem line
     */
    public void problem(String relativeKey, @Nullable String value, String expected) {
      reader.problem(keyFor(relativeKey), value, expected);
    }

    /**
     * Records the problems of {@code e}, whose keys are relative to this scope (as a builder's
     * {@code build()} reports them), under their full keys. When the key is set in the properties,
     * the value is shown as written there; otherwise as in the problem, with ISO-8601 durations
     * shown compactly ({@code 5m}, not {@code PT5M}). Lines not of the standard form are recorded
     * with the prefix prepended.
     *
     * @param e the exception whose problems are added
     */
    public void report(ConfigException e) {
      requireNonNull(e, "e");
      for (String line : e.problems()) {
        reader.reportRelative(this, line);
      }
    }

    private List<String> keys(String relativeKey) {
      String primary = key(relativeKey);
      return fallbackPrefix == null
          ? List.of(primary)
          : List.of(primary, fallbackPrefix + relativeKey);
    }
  }

  private void reportRelative(Scope scope, String line) {
    Optional<ProblemLine> parsed = ProblemLine.parse(line);
    if (parsed.isEmpty()) {
      problems.add(scope.prefix + line);
      return;
    }
    String key = scope.keyFor(parsed.get().key());
    String raw = raw(key);
    String value = raw != null ? raw : compactIfDuration(parsed.get().value());
    problem(key, value, parsed.get().expected());
  }

  private static String compactIfDuration(String value) {
    if (value.startsWith("P")) {
      try {
        return Durations.format(Duration.parse(value));
      } catch (RuntimeException e) {
        return value;
      }
    }
    return value;
  }
}
