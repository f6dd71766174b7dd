package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * An HTTP scenario's timeline as one PNG of three stacked panels sharing the time axis (seconds):
 * answers per second per instance, failed calls per second (GET and POST), and latency p99 per
 * second; the scenario's events (an instance replaced, a server stopped) are vertical lines across
 * every panel, labelled in the first. Headless (XChart on Java2D).
 */
public final class EventChart {
  private static final int WIDTH = 1100;
  private static final int PANEL_HEIGHT = 300;
  private static final int WARM_UP_SECONDS = 3;

  /**
   * One labelled instant of the scenario.
   *
   * @param second seconds since the timeline's start
   * @param label a short label, e.g. {@code a1 -> a1v2}
   */
  public record Event(double second, String label) {
    /** Validates. */
    public Event {
      requireNonNull(label, "label");
    }
  }

  private EventChart() {}

  /**
   * Writes the chart of the first {@code seconds} of {@code timeline} to {@code png}, creating its
   * directory.
   *
   * @param names display names of endpoint ids (e.g. {@code 127.0.0.1:41234} to {@code a1}); ids
   *     not in it are shown as they are
   */
  public static void write(
      Path png,
      String title,
      Timeline timeline,
      List<Event> events,
      Map<String, String> names,
      int seconds)
      throws IOException {
    requireNonNull(png, "png");
    Path dir = png.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    List<XYChart> panels = new ArrayList<>();
    panels.add(shares(title, timeline, names, seconds));
    panels.add(failures(timeline, seconds));
    panels.add(latency(timeline, seconds));
    for (XYChart c : panels) {
      for (Event e : events) {
        c.addAnnotation(new AnnotationLine(e.second(), true, false));
      }
    }
    XYChart first = panels.get(0);
    Double max = first.getStyler().getYAxisMax();
    double top = max == null ? 0 : max;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      // Alternating heights keep the labels of close events apart.
      first.addAnnotation(
          new AnnotationText(e.label(), e.second(), top * (i % 2 == 0 ? 0.96 : 0.88), false));
    }
    BitmapEncoder.saveBitmap(
        panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart panel(String title, String yTitle, int seconds) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("seconds")
            .yAxisTitle(yTitle)
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
    c.getStyler().setLegendFont(c.getStyler().getLegendFont().deriveFont(10f));
    c.getStyler().setPlotGridLinesVisible(false);
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax((double) seconds);
    c.getStyler().setYAxisMin(0.0);
    return c;
  }

  private static XYChart shares(String title, Timeline t, Map<String, String> names, int seconds) {
    XYChart c = panel(title + ": answers per second, per instance", "answers/s", seconds);
    double[] x = xs(seconds);
    long max = 1;
    for (String s : t.countSeries()) {
      if (s.startsWith(Series.HTTP_SHARE_PREFIX)) {
        long[] counts = t.counts(s, seconds);
        for (long v : counts) {
          max = Math.max(max, v);
        }
        String id = s.substring(Series.HTTP_SHARE_PREFIX.length());
        c.addSeries(names.getOrDefault(id, id), x, toDouble(counts));
      }
    }
    if (c.getSeriesMap().isEmpty()) {
      c.addSeries("none", x, new double[x.length]);
    }
    c.getStyler().setYAxisMax(max * 1.25);
    return c;
  }

  private static XYChart failures(Timeline t, int seconds) {
    XYChart c = panel("Failed calls per second", "per s", seconds);
    double[] x = xs(seconds);
    long max = 1;
    for (String s : List.of(Series.HTTP_IDEMPOTENT_FAILED, Series.HTTP_POST_FAILED)) {
      long[] counts = t.counts(s, seconds);
      for (long v : counts) {
        max = Math.max(max, v);
      }
      c.addSeries(s, x, toDouble(counts));
    }
    // A flat zero line stays visible at the bottom of a fixed scale.
    c.getStyler().setYAxisMax(max * 1.2);
    return c;
  }

  private static XYChart latency(Timeline t, int seconds) {
    XYChart c =
        panel("Latency per second (all calls; the warm-up's first seconds clipped)", "ms", seconds);
    double[] x = xs(seconds);
    double[] p99 = t.latencyMillis(Series.HTTP_LATENCY, 1, seconds);
    c.addSeries("p50", x, t.latencyMillis(Series.HTTP_LATENCY, 0, seconds));
    c.addSeries("p99", x, p99);
    // JIT and connection set-up make the first seconds' p99 ten times the rest: scale to the rest.
    double max = 1;
    for (int i = WARM_UP_SECONDS; i < p99.length; i++) {
      if (!Double.isNaN(p99[i])) {
        max = Math.max(max, p99[i]);
      }
    }
    c.getStyler().setYAxisMax(max * 1.2);
    return c;
  }

  private static double[] xs(int seconds) {
    double[] x = new double[seconds];
    for (int i = 0; i < seconds; i++) {
      x[i] = i + 0.5;
    }
    return x;
  }

  private static double[] toDouble(long[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
