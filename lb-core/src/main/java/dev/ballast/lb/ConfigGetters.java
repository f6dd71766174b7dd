package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.config.PropertyTable;
import dev.ballast.lb.internal.config.ValueParsers;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed getters that {@link ConfigReader} (full keys) and {@link ConfigReader.Scope} (keys
 * relative to a prefix, with a fallback prefix) share: each parses a value and words what it
 * expected, and the two differ only in which full keys a key stands for. Not API: the getters are
 * documented as members of those two classes.
 */
abstract class ConfigGetters {
  private static final String NON_EMPTY = "a non-empty value";

  /** The properties read, and where their problems go. */
  final PropertyTable table;

  ConfigGetters(PropertyTable table) {
    this.table = table;
  }

  /**
   * The full keys that {@code key} stands for, the one that wins first; throws a {@link
   * NullPointerException} naming the parameter when {@code key} is null.
   */
  abstract List<String> keysFor(String key);

  /**
   * {@return the value of {@code key}, or {@code def} when absent; an empty value is a problem}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   */
  public String string(String key, String def) {
    return optionalString(key).orElse(def);
  }

  /**
   * {@return the value of {@code key}, or empty when absent; an empty value is a problem}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   */
  public Optional<String> optionalString(String key) {
    return table.read(keysFor(key), NON_EMPTY, Function.identity());
  }

  /**
   * {@return the value of {@code key}; when absent, records {@code <key>: (missing) (expected:
   * <expected>)} (on a scope, under its primary key) and returns an empty string}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param expected what a valid value looks like, for the problem line
   */
  public String required(String key, String expected) {
    return table.required(keysFor(key), expected);
  }

  /**
   * {@return the duration at {@code key} (see {@link Durations#parse}), or {@code def} when absent}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   */
  public Duration duration(String key, Duration def) {
    return optionalDuration(key).orElse(def);
  }

  /**
   * {@return the duration at {@code key} (see {@link Durations#parse}), or empty when absent}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   */
  public Optional<Duration> optionalDuration(String key) {
    return table.read(keysFor(key), Durations.EXPECTED, Durations::parse);
  }

  /**
   * {@return the integer at {@code key}, which must lie in {@code min..max} (inclusive; pass {@code
   * Integer.MIN_VALUE}/{@code Integer.MAX_VALUE} for no bound), or {@code def} when absent}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   * @param min the smallest accepted value
   * @param max the largest accepted value
   */
  public int integer(String key, int def, int min, int max) {
    return optionalInteger(key, min, max).orElse(def);
  }

  /**
   * As {@code integer(key, def, min, max)}, empty when absent.
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value; empty when absent or invalid
   */
  public Optional<Integer> optionalInteger(String key, int min, int max) {
    return table.read(
        keysFor(key),
        ValueParsers.integerExpected(min, max),
        v -> ValueParsers.integer(v, min, max));
  }

  /**
   * {@return the finite number at {@code key}, which must lie in {@code min..max} (inclusive; pass
   * infinities for no bound), or {@code def} when absent}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   * @param min the smallest accepted value
   * @param max the largest accepted value
   */
  public double decimal(String key, double def, double min, double max) {
    return optionalDecimal(key, min, max).orElse(def);
  }

  /**
   * As {@code decimal(key, def, min, max)}, empty when absent.
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value; empty when absent or invalid
   */
  public Optional<Double> optionalDecimal(String key, double min, double max) {
    return table.read(
        keysFor(key),
        ValueParsers.decimalExpected(min, max),
        v -> ValueParsers.decimal(v, min, max));
  }

  /**
   * {@return {@code true} or {@code false} (any letter case) at {@code key}, or {@code def} when
   * absent}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   */
  public boolean bool(String key, boolean def) {
    return optionalBool(key).orElse(def);
  }

  /**
   * As {@code bool(key, def)}, empty when absent.
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @return the value; empty when absent or invalid
   */
  public Optional<Boolean> optionalBool(String key) {
    return table.read(keysFor(key), ValueParsers.BOOL_EXPECTED, ValueParsers::bool);
  }

  /**
   * {@return the value at {@code key} converted by {@code parser}, or {@code def} when absent} The
   * parser gets the trimmed, non-empty value and signals a bad one by throwing any runtime
   * exception (its message is not shown; {@code expected} is, e.g. {@code "one of " +
   * Strategy.names()}).
   *
   * @param <T> the type of the parsed value
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param def the value when the key is absent or invalid
   * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when it
   *     is not valid
   * @param expected what a valid value looks like, for the problem line
   */
  public <T> T choice(String key, T def, Function<String, ? extends T> parser, String expected) {
    return this.<T>optionalChoice(key, parser, expected).orElse(def);
  }

  /**
   * As {@code choice(key, def, parser, expected)}, empty when absent.
   *
   * @param <T> the type of the parsed value
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   * @param parser turns a value into the result, or throws {@link IllegalArgumentException} when it
   *     is not valid
   * @param expected what a valid value looks like, for the problem line
   * @return the parsed value; empty when absent or invalid
   */
  public <T> Optional<T> optionalChoice(
      String key, Function<String, ? extends T> parser, String expected) {
    return table.read(
        keysFor(key), requireNonNull(expected, "expected"), requireNonNull(parser, "parser"));
  }

  /**
   * {@return the zone shares such as {@code a=40,b=40,c=20} at {@code key}, in the order written
   * (unmodifiable); empty when absent or malformed}
   *
   * @param key the property key: the full key on a {@link ConfigReader}, relative to the prefix on
   *     a {@link ConfigReader.Scope}
   */
  public Map<String, Double> shares(String key) {
    return table
        .read(keysFor(key), ValueParsers.SHARES_EXPECTED, ValueParsers::shares)
        .map(Collections::unmodifiableMap)
        .orElse(Map.of());
  }
}
