package dev.ballast.examples.internal.report;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.internal.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes the report folder: the charts, then the HTML page that shows them. Stateless. */
public final class ReportWriter {

  private ReportWriter() {}

  /**
   * Writes everything into {@code dir} (created if needed) and returns the HTML file.
   *
   * @throws IOException when a file cannot be written
   */
  public static Path write(
      Path dir,
      String options,
      List<ActResult> acts,
      Timeline timeline,
      String configuration,
      Duration wallTime)
      throws IOException {
    Files.createDirectories(dir);
    Path http = ChartWriter.writeHttp(timeline, dir);
    Path db = ChartWriter.writeDatabase(timeline, dir);
    Path html = dir.resolve(HtmlReport.FILE);
    Files.writeString(
        html,
        HtmlReport.render(
            options,
            acts,
            timeline,
            configuration,
            http == null ? null : String.valueOf(http.getFileName()),
            db == null ? null : String.valueOf(db.getFileName()),
            wallTime),
        StandardCharsets.UTF_8);
    return html;
  }
}
