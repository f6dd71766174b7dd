package dev.ballast.reliability;

import dev.ballast.reliability.internal.Series;
import dev.ballast.reliability.internal.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The chart of a rolling deploy: answers per second per pod (old pods hand over to new ones), and
 * latency per second, with the deploy's start and end marked.
 */
final class DeployChart {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 300;

  private DeployChart() {}

  /**
   * @param names pod name by endpoint id, for the legend
   */
  static void write(
      Path png,
      Timeline t,
      int seconds,
      double deployStart,
      double deployEnd,
      String title,
      Map<String, String> names)
      throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    double[] x = new double[seconds];
    for (int i = 0; i < seconds; i++) {
      x[i] = i;
    }
    XYChart shares = panel(title + ": answers per second, per pod", "answers/s");
    for (String s : t.countSeries()) {
      if (s.startsWith(Series.HTTP_SHARE_PREFIX)) {
        long[] c = t.counts(s, seconds);
        double[] y = new double[seconds];
        for (int i = 0; i < seconds; i++) {
          y[i] = c[i];
        }
        String id = s.substring(Series.HTTP_SHARE_PREFIX.length());
        shares.addSeries(names.getOrDefault(id, id), x, y);
      }
    }
    XYChart failures = panel("failed calls per second", "per s");
    for (String s : List.of(Series.HTTP_IDEMPOTENT_FAILED, Series.HTTP_POST_FAILED)) {
      long[] c = t.counts(s, seconds);
      double[] y = new double[seconds];
      for (int i = 0; i < seconds; i++) {
        y[i] = c[i];
      }
      failures.addSeries(s, x, y);
    }
    XYChart latency = panel("latency per second", "ms");
    latency.addSeries("p50", x, t.latencyMillis(Series.HTTP_LATENCY, 0, seconds));
    latency.addSeries("p99", x, t.latencyMillis(Series.HTTP_LATENCY, 1, seconds));
    latency.getStyler().setYAxisMin(0.0);
    List<XYChart> panels = new ArrayList<>(List.of(shares, failures, latency));
    for (XYChart c : panels) {
      mark(c, deployStart, deployEnd);
      c.getStyler().setXAxisMin(0.0);
      c.getStyler().setXAxisMax((double) seconds);
    }
    BitmapEncoder.saveBitmap(
        panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  // Two thin vertical series bracket the deploy; XChart draws them in every panel's range.
  private static void mark(XYChart c, double start, double end) {
    double max = 0;
    for (var s : c.getSeriesMap().values()) {
      for (double v : s.getYData()) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double top = Math.max(1, max);
    c.addSeries("deploy start", new double[] {start, start}, new double[] {0, top});
    c.addSeries("deploy end", new double[] {end, end}, new double[] {0, top});
  }

  private static XYChart panel(String title, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("seconds")
            .yAxisTitle(yTitle)
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setPlotGridLinesVisible(false);
    return c;
  }
}
