package dev.ballast.jdbc.internal.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A MySQL GTID set, as in {@code @@gtid_executed}: per source UUID, intervals of transaction
 * numbers ({@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7}). MySQL may apply out of order with
 * parallel workers, so coverage is checked interval by interval, as {@code GTID_SUBSET} does.
 * Immutable; intervals are kept sorted and merged.
 */
public final class GtidSet implements Position {

  private final Map<String, List<long[]>> intervalsBySource;

  private GtidSet(Map<String, List<long[]>> intervalsBySource) {
    this.intervalsBySource = intervalsBySource;
  }

  /**
   * Parses a GTID set (whitespace and newlines, which MySQL prints, are ignored); blank is empty.
   *
   * @throws IllegalArgumentException naming the text when it is not {@code uuid:n[-m][:n[-m]…]} in
   *     comma-separated groups
   */
  public static GtidSet parse(String text) {
    Objects.requireNonNull(text, "text");
    String compact = text.replaceAll("\\s", "");
    Map<String, List<long[]>> sets = new TreeMap<>();
    if (compact.isEmpty()) {
      return new GtidSet(sets);
    }
    for (String group : compact.split(",")) {
      String[] parts = group.split(":");
      if (parts.length < 2 || parts[0].isEmpty()) {
        throw invalid(text);
      }
      List<long[]> intervals =
          sets.computeIfAbsent(parts[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      for (int i = 1; i < parts.length; i++) {
        String[] bounds = parts[i].split("-");
        try {
          long start = Long.parseLong(bounds[0]);
          long end = bounds.length == 2 ? Long.parseLong(bounds[1]) : start;
          if (bounds.length > 2 || start < 1 || end < start) {
            throw invalid(text);
          }
          intervals.add(new long[] {start, end});
        } catch (NumberFormatException e) {
          throw invalid(text);
        }
      }
    }
    sets.replaceAll((source, intervals) -> merge(intervals));
    return new GtidSet(sets);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "gtid set: " + text + " (expected: uuid:first-last[:first-last…], comma-separated)");
  }

  private static List<long[]> merge(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] next : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && next[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], next[1]);
      } else {
        merged.add(new long[] {next[0], next[1]});
      }
    }
    return Collections.unmodifiableList(merged);
  }

  /** Whether every transaction of {@code other} is in this set. */
  public boolean covers(GtidSet other) {
    for (Map.Entry<String, List<long[]>> required : other.intervalsBySource.entrySet()) {
      List<long[]> have = intervalsBySource.getOrDefault(required.getKey(), List.of());
      for (long[] interval : required.getValue()) {
        if (!containedIn(interval, have)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public long size() {
    return count();
  }

  @Override
  public boolean covers(Position required) {
    return covers(of(required));
  }

  @Override
  public GtidSet merge(Position other) {
    return union(of(other));
  }

  @Override
  public String text() {
    return toString();
  }

  private static GtidSet of(Position p) {
    if (p instanceof GtidSet g) {
      return g;
    }
    throw new IllegalArgumentException(
        "position: " + p.text() + " (expected: a MySQL GTID set, e.g. uuid:1-42)");
  }

  /** The union of this set and {@code other}. */
  public GtidSet union(GtidSet other) {
    Map<String, List<long[]>> all = new TreeMap<>();
    for (GtidSet set : List.of(this, other)) {
      set.intervalsBySource.forEach(
          (source, intervals) ->
              all.computeIfAbsent(source, k -> new ArrayList<>()).addAll(intervals));
    }
    all.replaceAll((source, intervals) -> merge(intervals));
    return new GtidSet(all);
  }

  /** The number of transactions in the set: grows with every one applied, for lag estimates. */
  public long count() {
    long count = 0;
    for (List<long[]> intervals : intervalsBySource.values()) {
      for (long[] interval : intervals) {
        count += interval[1] - interval[0] + 1;
      }
    }
    return count;
  }

  private static boolean containedIn(long[] interval, List<long[]> merged) {
    for (long[] have : merged) {
      if (have[0] <= interval[0] && interval[1] <= have[1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    intervalsBySource.forEach(
        (source, intervals) -> {
          if (text.length() > 0) {
            text.append(',');
          }
          text.append(source);
          for (long[] interval : intervals) {
            text.append(':').append(interval[0]);
            if (interval[1] != interval[0]) {
              text.append('-').append(interval[1]);
            }
          }
        });
    return text.toString();
  }
}
