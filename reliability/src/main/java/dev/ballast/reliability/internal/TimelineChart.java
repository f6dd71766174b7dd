package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.reliability.FaultKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The soak's timeline as one PNG of four stacked panels sharing the time axis (seconds): faults as
 * bars, one row per target; answers per second per HTTP instance; failures per second; and latency
 * p99 per second. Headless (XChart on Java2D, no display needed).
 */
public final class TimelineChart {
  private static final int WIDTH = 1100;
  private static final int PANEL_HEIGHT = 290;
  private static final Map<FaultKind, Color> COLORS = new EnumMap<>(FaultKind.class);

  static {
    COLORS.put(FaultKind.KILL, new Color(0xD62728));
    COLORS.put(FaultKind.HANG, new Color(0x9467BD));
    COLORS.put(FaultKind.SLOW, new Color(0xFF7F0E));
    COLORS.put(FaultKind.ERROR_BURST, new Color(0x8C564B));
    COLORS.put(FaultKind.RESET, new Color(0xE377C2));
    COLORS.put(FaultKind.HEALTH_FLAP, new Color(0x7F7F7F));
    COLORS.put(FaultKind.REPLICA_STOP, new Color(0x1F77B4));
    COLORS.put(FaultKind.REPLICA_PAUSE, new Color(0x17BECF));
    COLORS.put(FaultKind.REPLICA_DELAY, new Color(0xBCBD22));
    COLORS.put(FaultKind.FAILOVER, new Color(0x000000));
  }

  private TimelineChart() {}

  /**
   * Writes the chart to {@code png}.
   *
   * @param lanes fault targets, top to bottom (instance ids, then node names)
   * @param seconds how many seconds of {@code timeline} to draw
   */
  public static void write(
      Path png, Timeline timeline, List<FaultSpan> spans, List<String> lanes, int seconds)
      throws IOException {
    requireNonNull(png, "png");
    List<XYChart> panels = new ArrayList<>();
    panels.add(faults(spans, lanes, seconds));
    panels.add(shares(timeline, seconds));
    panels.add(failures(timeline, seconds));
    panels.add(latency(timeline, seconds));
    BitmapEncoder.saveBitmap(
        panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart panel(String title, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("seconds")
            .yAxisTitle(yTitle)
            .build();
    // Legends below the plots keep every plot the same width, so the time axes line up.
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
    c.getStyler().setLegendFont(c.getStyler().getLegendFont().deriveFont(10f));
    c.getStyler().setPlotGridLinesVisible(false);
    return c;
  }

  private static XYChart faults(List<FaultSpan> spans, List<String> lanes, int seconds) {
    XYChart c = panel("Faults (one row per target)", "");
    Map<FaultKind, List<double[]>> byKind = new LinkedHashMap<>();
    for (FaultSpan s : spans) {
      if (!s.ran()) {
        continue;
      }
      int lane = lanes.indexOf(s.fault().target());
      double y = lanes.size() - lane;
      // A gap (NaN) between bars: XChart breaks the line there.
      double end = Math.max(s.endSecond(), s.startSecond() + 0.4);
      List<double[]> pts = byKind.computeIfAbsent(s.fault().kind(), k -> new ArrayList<>());
      pts.add(new double[] {s.startSecond(), y});
      pts.add(new double[] {end, y});
      pts.add(new double[] {end, Double.NaN});
    }
    for (Map.Entry<FaultKind, List<double[]>> e : byKind.entrySet()) {
      List<double[]> pts = e.getValue();
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
      }
      XYSeries series = c.addSeries(e.getKey().name(), x, y);
      series.setLineColor(COLORS.get(e.getKey()));
      series.setLineStyle(new BasicStroke(7f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
      series.setMarker(SeriesMarkers.NONE);
    }
    if (byKind.isEmpty()) {
      c.addSeries("none", new double[] {0, seconds}, new double[] {0, 0});
    }
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(lanes.size() + 1.0);
    c.getStyler().setYAxisTicksVisible(false);
    // Lane names sit in a margin left of second 0.
    double margin = Math.max(2.0, seconds * 0.04);
    c.getStyler().setXAxisMin(-margin);
    c.getStyler().setXAxisMax((double) seconds);
    for (int lane = 0; lane < lanes.size(); lane++) {
      c.addAnnotation(new AnnotationText(lanes.get(lane), -margin / 2, lanes.size() - lane, false));
    }
    return c;
  }

  private static XYChart shares(Timeline t, int seconds) {
    XYChart c = panel("HTTP answers per second, per instance", "answers/s");
    double[] x = xs(seconds);
    for (String s : t.countSeries()) {
      if (s.startsWith(Series.HTTP_SHARE_PREFIX)) {
        c.addSeries(
            s.substring(Series.HTTP_SHARE_PREFIX.length()), x, toDouble(t.counts(s, seconds)));
      }
    }
    ensureSeries(c, x);
    align(c, seconds);
    return c;
  }

  private static XYChart failures(Timeline t, int seconds) {
    XYChart c =
        panel("Failures per second (GET failures and stale reads break invariants)", "per s");
    double[] x = xs(seconds);
    for (String s :
        List.of(
            Series.HTTP_IDEMPOTENT_FAILED,
            Series.HTTP_POST_FAILED,
            Series.JDBC_WRITE_FAILED,
            Series.JDBC_READ_FAILED,
            Series.JDBC_STALE_READ)) {
      c.addSeries(s, x, toDouble(t.counts(s, seconds)));
    }
    align(c, seconds);
    return c;
  }

  private static XYChart latency(Timeline t, int seconds) {
    XYChart c = panel("Latency p99 per second", "ms");
    double[] x = xs(seconds);
    for (String s :
        List.of(Series.HTTP_LATENCY, Series.JDBC_WRITE_LATENCY, Series.JDBC_READ_LATENCY)) {
      c.addSeries(s + " p99", x, t.latencyMillis(s, 1, seconds));
    }
    c.getStyler().setYAxisMin(0.0);
    align(c, seconds);
    return c;
  }

  private static void align(XYChart c, int seconds) {
    double margin = Math.max(2.0, seconds * 0.04);
    c.getStyler().setXAxisMin(-margin);
    c.getStyler().setXAxisMax((double) seconds);
  }

  private static void ensureSeries(XYChart c, double[] x) {
    if (c.getSeriesMap().isEmpty()) {
      c.addSeries("none", x, new double[x.length]);
    }
  }

  private static double[] xs(int seconds) {
    double[] x = new double[seconds];
    for (int i = 0; i < seconds; i++) {
      x[i] = i;
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
