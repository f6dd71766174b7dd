package dev.ballast.http.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A response's headers as an unmodifiable map by case-insensitive name, values in received order,
 * built from the decoded Netty headers only when first read as a map. Most callers read the status
 * and the body, or one header through {@link #first}, and so never pay for the map (two copies of
 * every header per call before). Thread-safe: the Netty headers are only read, and the map is
 * immutable once built (a racing second build yields an equal map).
 *
 * <p>Public only so that {@code ServiceResponse} can recognise it and skip its defensive copy; not
 * part of the API.
 */
public final class ResponseHeaders extends AbstractMap<String, List<String>> {
  private final HttpHeaders headers;
  private volatile @Nullable Map<String, List<String>> map;

  ResponseHeaders(HttpHeaders headers) {
    this.headers = headers;
  }

  /** The first value of {@code name}, case-insensitive; null when absent. */
  public @Nullable String first(String name) {
    return headers.get(name);
  }

  private Map<String, List<String>> map() {
    Map<String, List<String>> m = map;
    if (m == null) {
      TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, String> e : headers) {
        byName.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
      }
      byName.replaceAll((k, v) -> List.copyOf(v));
      m = Collections.unmodifiableMap(byName);
      map = m;
    }
    return m;
  }

  @Override
  public Set<Map.Entry<String, List<String>>> entrySet() {
    return map().entrySet();
  }

  @Override
  public @Nullable List<String> get(@Nullable Object name) {
    return map().get(name);
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return map().containsKey(name);
  }

  @Override
  public int size() {
    return map().size();
  }

  @Override
  public boolean isEmpty() {
    return headers.isEmpty();
  }
}
