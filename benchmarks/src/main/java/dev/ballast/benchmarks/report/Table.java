package dev.ballast.benchmarks.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A result table: a title, column headers and rows of already formatted cells, written as Markdown
 * (for people) and CSV (for tools). Not thread-safe.
 */
public final class Table {
  private final String title;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A table with {@code headers}. */
  public Table(String title, String... headers) {
    this.title = requireNonNull(title, "title");
    this.headers = List.of(headers);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException if the cell count differs from the header count
   */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "cells: " + cells.length + " (expected: " + headers.size() + ", one per column)");
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  /** Adds a line printed under the table in Markdown. */
  public Table note(String note) {
    notes.add(requireNonNull(note, "note"));
    return this;
  }

  /** The title. */
  public String title() {
    return title;
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /** The table as Markdown: a level-3 heading, the table, then the notes. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(title).append("\n\n");
    sb.append('|');
    for (String h : headers) {
      sb.append(' ').append(h).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < headers.size(); i++) {
      sb.append(i == 0 ? "---|" : "---:|");
    }
    sb.append('\n');
    for (List<String> row : rows) {
      sb.append('|');
      for (String c : row) {
        sb.append(' ').append(c.replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) {
        sb.append(n).append("\n\n");
      }
    }
    return sb.toString();
  }

  /** The table as RFC 4180 CSV with a header line. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    appendCsv(sb, headers);
    for (List<String> row : rows) {
      appendCsv(sb, row);
    }
    return sb.toString();
  }

  private static void appendCsv(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append("\r\n");
  }

  /** Writes {@code <name>.md} and {@code <name>.csv} into {@code dir}. */
  public void write(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".md"), toMarkdown(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(name + ".csv"), toCsv(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing table " + name + " to " + dir, e);
    }
  }

  /** Formats a number with {@code decimals} places, or {@code n/a} for NaN. */
  public static String num(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** Formats a ratio like {@code 1.23×}, or {@code n/a}. */
  public static String ratio(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f×" : "%.2f×", value);
  }

  /** Formats a fraction as a percentage like {@code 12.3 %}, or {@code n/a}. */
  public static String pct(double fraction) {
    if (Double.isNaN(fraction)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }
}
