package dev.ballast.examples.internal.report;

import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Timeline;
import dev.ballast.examples.internal.TimelinePoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the run's charts as PNG files with XChart, headless: the share of HTTP traffic per instance
 * over time (acts marked), and for the database act the share of reads and writes per node, replica
 * lag and the router's decisions by reason (steps marked). Stateless.
 */
public final class ChartWriter {

  /** The HTTP chart's file name. */
  public static final String HTTP_CHART = "http-traffic-share.png";

  /** The database chart's file name. */
  public static final String DB_CHART = "database.png";

  private static final int WIDTH = 1200;
  private static final Color[] INSTANCE_COLORS = {
    new Color(0x1f77b4),
    new Color(0x7fb8e0),
    new Color(0x9a4fbf),
    new Color(0xcfa6e6),
    new Color(0x2c9e3f),
    new Color(0x9ede8f)
  };
  private static final Color[] NODE_COLORS = {
    new Color(0xd62728), new Color(0x1f77b4), new Color(0x9a4fbf)
  };
  private static final Color[] ROUTE_COLORS = {
    new Color(0xd62728), new Color(0x2c9e3f), new Color(0xff9f1c), new Color(0x7f7f7f)
  };

  private ChartWriter() {}

  /**
   * Writes the HTTP chart into {@code dir} when the timeline has HTTP points.
   *
   * @return the file written, or null when there was nothing to draw
   */
  public static @org.jspecify.annotations.Nullable Path writeHttp(Timeline timeline, Path dir)
      throws IOException {
    headless();
    List<TimelinePoint> points = new ArrayList<>();
    for (TimelinePoint p : timeline.points()) {
      if (p.instanceShares().length > 0) {
        points.add(p);
      }
    }
    if (points.isEmpty()) {
      return null;
    }
    XYChart chart =
        chart(WIDTH, 520, "Share of HTTP calls per instance (sliding 1 s window)", "% of calls");
    double[] x = times(points, 0);
    List<String> ids = timeline.instanceIds();
    for (int i = 0; i < ids.size(); i++) {
      int index = i;
      XYSeries s =
          chart.addSeries(ids.get(i), x, values(points, p -> p.instanceShares()[index] * 100));
      style(s, INSTANCE_COLORS[i % INSTANCE_COLORS.length], 2f);
    }
    for (Timeline.ActSpan act : timeline.acts()) {
      if (act.act() == 5) {
        continue;
      }
      chart.addAnnotation(new AnnotationLine(act.start(), true, false));
      chart.addAnnotation(new AnnotationText("act " + act.act(), act.start() + 1.2, 104, false));
    }
    chart.getStyler().setYAxisMax(108.0);
    Path file = dir.resolve(HTTP_CHART);
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
    return file;
  }

  /**
   * Writes the database chart into {@code dir} when the timeline has database points.
   *
   * @return the file written, or null when there was nothing to draw
   */
  public static @org.jspecify.annotations.Nullable Path writeDatabase(Timeline timeline, Path dir)
      throws IOException {
    headless();
    List<TimelinePoint> points = new ArrayList<>();
    for (TimelinePoint p : timeline.points()) {
      if (p.readShares().length > 0) {
        points.add(p);
      }
    }
    Timeline.ActSpan span = null;
    for (Timeline.ActSpan act : timeline.acts()) {
      if (act.act() == 5) {
        span = act;
      }
    }
    if (points.isEmpty() || span == null) {
      return null;
    }
    double origin = span.start();
    double[] x = times(points, origin);
    List<String> nodes = timeline.nodeNames();
    XYChart reads = chart(WIDTH, 300, "Share of reads per database node", "% of reads");
    XYChart writes = chart(WIDTH, 300, "Share of writes per database node", "% of writes");
    XYChart lag = chart(WIDTH, 300, "Replica lag as the router measures it", "lag, ms");
    XYChart routes =
        chart(WIDTH, 300, "Routing decisions by reason (ballast.jdbc.routes)", "% of decisions");
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      Color color = NODE_COLORS[i % NODE_COLORS.length];
      style(
          reads.addSeries(nodes.get(i), x, values(points, p -> p.readShares()[index] * 100)),
          color,
          2f);
      style(
          writes.addSeries(nodes.get(i), x, values(points, p -> p.writeShares()[index] * 100)),
          color,
          2f);
      double[] lagValues = values(points, p -> p.lagMillis()[index]);
      if (anyFinite(lagValues)) {
        style(lag.addSeries(nodes.get(i), x, lagValues), color, 2f);
      }
    }
    if (lag.getSeriesMap().isEmpty()) {
      style(lag.addSeries("no replica lag measured", x, new double[x.length]), Color.GRAY, 1f);
    }
    for (int r = 0; r < Timeline.ROUTE_REASONS.size(); r++) {
      int index = r;
      style(
          routes.addSeries(
              Timeline.ROUTE_REASONS.get(r), x, values(points, p -> p.routeShares()[index] * 100)),
          ROUTE_COLORS[r % ROUTE_COLORS.length],
          2f);
    }
    lag.getStyler().setYAxisMin(0.0);
    List<XYChart> charts = List.of(reads, writes, lag, routes);
    for (XYChart c : charts) {
      c.setXAxisTitle("seconds into act 5");
      for (Event e : span.events()) {
        if (e.kind() == Event.Kind.STEP && e.seconds() > 0.5) {
          c.addAnnotation(new AnnotationLine(e.seconds(), true, false));
        }
      }
    }
    // Steps are numbered at their lines; the top chart's title says what each number is, so
    // that steps a fraction of a second apart stay legible.
    reads.getStyler().setYAxisMax(118.0);
    List<String> legend = new ArrayList<>();
    for (Event e : span.events()) {
      if (e.kind() == Event.Kind.STEP && e.seconds() > 0.5) {
        String n = String.valueOf(legend.size() + 1);
        legend.add(n + " " + shortCaption(e.text()));
        reads.addAnnotation(new AnnotationText(n, e.seconds() + 0.15, 110, false));
      }
    }
    if (!legend.isEmpty()) {
      reads.setTitle(
          "Share of reads per database node    (" + String.join(" \u00b7 ", legend) + ")");
    }
    Path file = dir.resolve(DB_CHART);
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
    }
    return file;
  }

  private static XYChart chart(int width, int height, String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("seconds")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
    chart.getStyler().setAnnotationLineColor(new Color(0x888888));
    chart
        .getStyler()
        .setAnnotationLineStroke(
            new BasicStroke(
                1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    chart.getStyler().setAnnotationTextFontColor(new Color(0x444444));
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  private static void style(XYSeries series, Color color, float width) {
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineWidth(width);
  }

  /**
   * A step caption without its parenthesis: "r1 pauses WAL replay (pg_...)" -> "r1 pauses WAL
   * replay".
   */
  private static String shortCaption(String text) {
    int paren = text.indexOf(" (");
    return paren > 0 ? text.substring(0, paren) : text;
  }

  private static boolean anyFinite(double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        return true;
      }
    }
    return false;
  }

  private static double[] times(List<TimelinePoint> points, double origin) {
    double[] x = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).seconds() - origin;
    }
    return x;
  }

  private static double[] values(List<TimelinePoint> points, ToDoubleFunction<TimelinePoint> f) {
    double[] y = new double[points.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = f.applyAsDouble(points.get(i));
    }
    return y;
  }

  /** XChart draws with AWT; a server or CI machine has no display. */
  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
