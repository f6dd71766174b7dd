package dev.ballast.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one demo run: one result per act played, in act order, and where the report went.
 * Immutable.
 *
 * @param acts the acts played, ascending by number
 * @param reportDirectory the directory holding {@code report.html}, the charts and the log
 * @param wallTime from the start of {@link Demo#run} to the end of the report
 */
public record Summary(List<ActResult> acts, Path reportDirectory, Duration wallTime) {

  /** Copies the list so that the record stays immutable. */
  public Summary {
    acts = List.copyOf(acts);
  }

  /** The result of act {@code number}, empty when it was not played. */
  public Optional<ActResult> act(int number) {
    return acts.stream().filter(a -> a.number() == number).findFirst();
  }

  /** The path of the HTML report. */
  public Path reportFile() {
    return reportDirectory.resolve("report.html");
  }
}
