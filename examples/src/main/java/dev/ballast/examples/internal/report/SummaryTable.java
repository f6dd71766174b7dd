package dev.ballast.examples.internal.report;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DatabaseResult;
import dev.ballast.examples.internal.view.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary table printed at the end of a run, as plain text lines. Stateless. */
public final class SummaryTable {

  private static final int TITLE = 38;

  private SummaryTable() {}

  /** The table's lines for {@code acts}. */
  public static List<String> lines(List<ActResult> acts) {
    List<String> out = new ArrayList<>();
    out.add(
        "  "
            + Text.pad("act", TITLE + 2)
            + Text.padLeft("time", 7)
            + Text.padLeft("calls", 9)
            + Text.padLeft("failed", 8)
            + Text.padLeft("retried", 9)
            + Text.padLeft("p99", 10)
            + Text.padLeft("local zone", 12));
    for (ActResult r : acts) {
      boolean db = r.database().isPresent();
      out.add(
          "  "
              + r.number()
              + " "
              + Text.pad(r.title(), TITLE)
              + Text.padLeft(
                  String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0), 7)
              + Text.padLeft(Text.count(r.calls()), 9)
              + Text.padLeft(Text.count(r.failures()), 8)
              + Text.padLeft(db ? "-" : Text.count(r.retries()), 9)
              + Text.padLeft(Text.millis(r.p99Millis()), 10)
              + Text.padLeft(db ? "-" : Text.percent(r.localShare()), 12)
              + (r.number() == 4 && !db
                  ? "  (lowest " + Text.percentRounded(r.lowestLocalShare()) + ")"
                  : ""));
      if (db) {
        DatabaseResult d = r.database().get();
        out.add("      (act 5 counts database operations: reads and writes)");
        out.add("      reads:  " + perNode(d.readsByNode()));
        out.add("      writes: " + perNode(d.writesByNode()));
        out.add(
            "      read-your-writes: "
                + Text.count(d.readYourWritesChecks())
                + " checks, "
                + d.staleReads()
                + " stale reads");
        out.add(
            "      failover: "
                + d.newPrimary()
                    .map(
                        p ->
                            p
                                + " promoted, "
                                + Text.count(d.writesOnNewPrimary())
                                + " writes on it, first one "
                                + d.failoverTime()
                                    .map(t -> Text.seconds(t.toNanos() / 1e9))
                                    .orElse("never")
                                + " after the primary died; "
                                + d.writeFailures()
                                + " writes failed meanwhile")
                    .orElse("did not happen"));
      }
    }
    return out;
  }

  static String perNode(Map<String, Long> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((node, n) -> parts.add(node + " " + Text.count(n)));
    return String.join(", ", parts);
  }
}
