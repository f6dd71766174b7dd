package dev.ballast.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** PNG charts (XChart, headless). Each method writes one file and returns its path. */
public final class Charts {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 620;

  private Charts() {}

  /**
   * A grouped bar chart: one group per category, one bar per series.
   *
   * @param series series name to one value per category (NaN draws nothing)
   * @param logarithmic whether the value axis is logarithmic (for values spanning decades)
   */
  public static Path bars(
      Path file,
      String title,
      String valueAxis,
      List<String> categories,
      Map<String, List<Double>> series,
      boolean logarithmic) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("")
            .yAxisTitle(valueAxis)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLabelsVisible(false);
    chart.getStyler().setYAxisDecimalPattern(logarithmic ? "#,##0.#" : "#,##0.##");
    double min = Double.MAX_VALUE;
    double max = 0;
    for (List<Double> values : series.values()) {
      for (Double v : values) {
        if (v != null && v > 0 && !v.isInfinite()) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    // A log axis needs an explicit floor below every bar: XChart draws bars from the axis minimum.
    double floor = max > 0 ? Math.pow(10, Math.floor(Math.log10(min))) : 1;
    if (logarithmic) {
      chart.getStyler().setYAxisMin(floor);
    }
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      List<Double> values = new ArrayList<>();
      for (Double v : e.getValue()) {
        // A log axis cannot show 0 or NaN: such a bar is drawn at the floor, i.e. empty.
        values.add(v == null || v.isNaN() || v <= 0 ? (logarithmic ? floor : 0.0) : v);
      }
      chart.addSeries(e.getKey(), categories, values);
    }
    return save(chart, file);
  }

  /**
   * Latency percentile curves: one line per series over evenly spaced percentile labels (for
   * example p50, p90, p99, p99.9), latency on a log axis, so the tail is as readable as the median.
   *
   * @param percentiles the x labels, e.g. {@code p99.9}
   * @param series series name to one latency (ms) per label
   */
  public static Path percentileCurves(
      Path file, String title, List<String> percentiles, Map<String, List<Double>> series) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("percentile")
            .yAxisTitle("latency (ms, log scale)")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisDecimalPattern("#,##0.###");
    double min = Double.MAX_VALUE;
    for (List<Double> values : series.values()) {
      for (Double v : values) {
        if (v != null && v > 0) {
          min = Math.min(min, v);
        }
      }
    }
    double floor = min == Double.MAX_VALUE ? 0.01 : Math.pow(10, Math.floor(Math.log10(min)));
    chart.getStyler().setYAxisMin(floor);
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      if (e.getValue().size() != percentiles.size()) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (Double v : e.getValue()) {
        values.add(v == null || v.isNaN() || v <= 0 ? floor : v);
      }
      chart.addSeries(e.getKey(), percentiles, values);
    }
    return save(chart, file);
  }

  private static Path save(Chart<?, ?> chart, Path file) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String name = file.toString();
      String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
      BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
      return Path.of(base + ".png");
    } catch (IOException e) {
      throw new UncheckedIOException("writing chart " + file, e);
    }
  }
}
