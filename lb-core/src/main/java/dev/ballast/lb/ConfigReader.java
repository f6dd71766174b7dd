package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.config.ProblemLog;
import dev.ballast.lb.internal.config.PropertyTable;
import dev.ballast.lb.internal.config.RelativeProblems;
import dev.ballast.lb.internal.config.UnknownKeys;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
public final class ConfigReader extends ConfigGetters {
  /** The namespace whose unread keys {@link #checkUnknownKeys()} reports. */
  public static final String NAMESPACE = "ballast.";

  private final ProblemLog problems;
  private final Function<String, @Nullable String> environment;

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
    super(new PropertyTable(requireNonNull(properties, "properties")));
    this.environment = requireNonNull(environment, "environment");
    this.problems = table.problems();
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
   * {@return the distinct next dotted segments of the keys under {@code prefix}, sorted: {@code
   * names("ballast.http.services.")} gives the service names} Names cannot contain dots. Reads
   * nothing: the keys under each name still have to be read.
   *
   * @param prefix the key prefix, normally ending with a dot
   */
  public List<String> names(String prefix) {
    return table.names(prefix);
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
    return table.passthrough(prefix);
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
    problems.add(key, value, expected);
  }

  /** {@return the problems recorded so far, in order; unmodifiable snapshot} */
  public List<String> problems() {
    return problems.lines();
  }

  /**
   * {@return every key read so far (passed to a getter, with fallback variants, or found by {@link
   * #passthrough}), in the order first read; unmodifiable snapshot} Lets tooling list the keys a
   * binder knows, e.g. to check generated IDE metadata against it.
   */
  public Set<String> knownKeys() {
    return table.knownKeys();
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
    UnknownKeys.report(table.unconsumed(NAMESPACE), table.knownKeys(), problems);
  }

  /**
   * Throws when any problem was recorded.
   *
   * @throws ConfigException with every problem, one per line, in the order recorded
   */
  public void throwIfProblems() {
    problems.throwIfAny();
  }

  /**
   * {@return the consumed properties as {@code key=value} lines sorted by key, secrets masked: the
   * configuration in effect, for a start-up log line} Empty when nothing was read.
   */
  public String describe() {
    return table.describe();
  }

  @Override
  List<String> keysFor(String key) {
    return List.of(requireNonNull(key, "key"));
  }

  /**
   * Getters relative to a prefix, falling back to a second prefix; see {@link
   * ConfigReader#scope(String, String)}. Problems name the key actually found, or the primary key
   * when neither is set. Not thread-safe, like its reader.
   */
  public static final class Scope extends ConfigGetters {
    private final ConfigReader reader;
    private final String prefix;
    private final @Nullable String fallbackPrefix;

    private Scope(ConfigReader reader, String prefix, @Nullable String fallbackPrefix) {
      super(reader.table);
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
      return table.firstPresent(keysFor(relativeKey)).orElse(key(relativeKey));
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
        RelativeProblems.add(line, prefix, this::keyFor, table::raw, reader.problems);
      }
    }

    @Override
    List<String> keysFor(String relativeKey) {
      String primary = key(relativeKey);
      return fallbackPrefix == null
          ? List.of(primary)
          : List.of(primary, fallbackPrefix + relativeKey);
    }
  }
}
