package dev.ballast.examples.internal.report;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DatabaseResult;
import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Timeline;
import dev.ballast.examples.internal.view.Text;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one-page HTML report: what was run, the summary table, the charts, what happened in each act,
 * and the Ballast configuration that was used. Self-contained apart from the PNG files next to it.
 * Stateless.
 */
public final class HtmlReport {

  /** The report's file name. */
  public static final String FILE = "report.html";

  private HtmlReport() {}

  /**
   * The page.
   *
   * @param options the command line, as the options print it
   * @param acts the act results
   * @param timeline the acts' spans and events
   * @param configuration the resolved properties file
   * @param httpChart the HTTP chart's file name, or null when none was drawn
   * @param dbChart the database chart's file name, or null when none was drawn
   * @param wallTime how long the run took
   */
  public static String render(
      String options,
      List<ActResult> acts,
      Timeline timeline,
      String configuration,
      @Nullable String httpChart,
      @Nullable String dbChart,
      Duration wallTime) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Ballast demo report</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;max-width:1240px;margin:2em auto;")
        .append("padding:0 1em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:right}")
        .append("td:nth-child(2),th:nth-child(2){text-align:left}\n")
        .append("pre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:.85em}\n")
        .append(".step{color:#a15c00}.ballast{color:#0b6e99}.ok{color:#1a7f37}.bad{color:#cf222e}")
        .append("\nimg{max-width:100%;border:1px solid #eee}\n</style>\n</head>\n<body>\n");
    h.append("<h1>Ballast demo report</h1>\n<p>")
        .append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
        .append(" &middot; options <code>")
        .append(esc(options))
        .append("</code> &middot; run time ")
        .append(String.format(Locale.ROOT, "%.1f s", wallTime.toMillis() / 1000.0))
        .append(" &middot; Java ")
        .append(esc(System.getProperty("java.version", "?")))
        .append("</p>\n<p>Six HTTP instances of the service <code>orders</code> (zones a, b, c)")
        .append(" and a PostgreSQL primary with two streaming replicas ran on 127.0.0.1;")
        .append(" Ballast was configured from the properties file shown at the end.</p>\n");
    summary(h, acts);
    if (httpChart != null) {
      h.append("<h2>HTTP traffic</h2>\n<img src=\"")
          .append(esc(httpChart))
          .append("\" alt=\"share of HTTP calls per instance over time\">\n");
    }
    if (dbChart != null) {
      h.append("<h2>Database</h2>\n<img src=\"")
          .append(esc(dbChart))
          .append("\" alt=\"reads, writes, lag and routing decisions over time\">\n");
    }
    h.append("<h2>What happened</h2>\n");
    for (Timeline.ActSpan span : timeline.acts()) {
      h.append("<h3>Act ")
          .append(span.act())
          .append(": ")
          .append(esc(span.title()))
          .append("</h3>\n<ul>\n");
      for (Event e : span.events()) {
        h.append("<li class=\"")
            .append(e.kind() == Event.Kind.STEP ? "step" : "ballast")
            .append("\">")
            .append(String.format(Locale.ROOT, "%.1f s", e.seconds()))
            .append(" &middot; ")
            .append(e.kind() == Event.Kind.STEP ? "" : "Ballast: ")
            .append(esc(e.text()))
            .append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<h2>Configuration</h2>\n<p>")
        .append("<code>examples/src/main/resources/demo.properties</code>,")
        .append(" with the run's ports in place of its placeholders:</p>\n<pre>")
        .append(esc(configuration))
        .append("</pre>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, List<ActResult> acts) {
    h.append("<h2>Summary</h2>\n<table>\n<tr><th>act</th><th>title</th><th>time</th>")
        .append("<th>calls</th><th>failed</th><th>retried</th><th>p99</th>")
        .append("<th>local zone</th></tr>\n");
    for (ActResult r : acts) {
      boolean db = r.database().isPresent();
      h.append("<tr><td>")
          .append(r.number())
          .append("</td><td>")
          .append(esc(r.title()))
          .append(db ? " (database operations)" : "")
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0))
          .append("</td><td>")
          .append(Text.count(r.calls()))
          .append("</td><td class=\"")
          .append(r.failures() == 0 ? "ok" : "bad")
          .append("\">")
          .append(Text.count(r.failures()))
          .append("</td><td>")
          .append(db ? "-" : Text.count(r.retries()))
          .append("</td><td>")
          .append(esc(Text.millis(r.p99Millis())))
          .append("</td><td>")
          .append(db ? "-" : Text.percent(r.localShare()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (ActResult r : acts) {
      if (r.database().isEmpty()) {
        continue;
      }
      DatabaseResult d = r.database().get();
      h.append("<table>\n<tr><th>node</th><th></th><th>reads</th><th>writes</th></tr>\n");
      for (String node : d.readsByNode().keySet()) {
        h.append("<tr><td>")
            .append(esc(node))
            .append("</td><td></td><td>")
            .append(Text.count(d.readsByNode().getOrDefault(node, 0L)))
            .append("</td><td>")
            .append(Text.count(d.writesByNode().getOrDefault(node, 0L)))
            .append("</td></tr>\n");
      }
      h.append("</table>\n<p>Read-your-writes: ")
          .append(Text.count(d.readYourWritesChecks()))
          .append(" checks, <span class=\"")
          .append(d.staleReads() == 0 ? "ok" : "bad")
          .append("\">")
          .append(d.staleReads())
          .append(" stale reads</span>. Failover: ")
          .append(
              esc(
                  d.newPrimary()
                      .map(
                          p ->
                              p
                                  + " promoted; "
                                  + Text.count(d.writesOnNewPrimary())
                                  + " writes on it; first one "
                                  + d.failoverTime()
                                      .map(t -> Text.seconds(t.toNanos() / 1e9))
                                      .orElse("never")
                                  + " after the primary died; "
                                  + d.writeFailures()
                                  + " writes failed meanwhile.")
                      .orElse("did not happen.")))
          .append("</p>\n");
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
