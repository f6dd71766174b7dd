package dev.ballast.reliability.internal;

import dev.ballast.reliability.Fault;
import dev.ballast.reliability.FaultKind;
import dev.ballast.reliability.FaultPlan;
import dev.ballast.reliability.Invariant;
import dev.ballast.reliability.SoakOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the chaos soak's Markdown report: invariants, figures, settings and the fault schedule.
 */
public final class SoakReport {
  private SoakReport() {}

  /** Writes {@code md}, linking {@code png} by file name (both in one directory). */
  public static void write(
      Path md,
      Path png,
      SoakOptions options,
      FaultPlan plan,
      List<FaultSpan> spans,
      List<Invariant> invariants,
      List<String> figures,
      List<String> settings,
      long wallStartMillis)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    boolean passed = invariants.stream().allMatch(Invariant::held);
    sb.append("# Chaos soak: seed ")
        .append(options.seed())
        .append(", ")
        .append(plan.lengthMillis() / 1000)
        .append(" s of faults\n\n");
    sb.append("Started ")
        .append(Instant.ofEpochMilli(wallStartMillis))
        .append(" on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(". Verdict: **")
        .append(passed ? "every invariant held" : "INVARIANTS VIOLATED")
        .append("**.\n\n");
    sb.append("Replay with `java ... dev.ballast.reliability.ChaosSoak --seconds ")
        .append(plan.lengthMillis() / 1000)
        .append(" --seed ")
        .append(options.seed())
        .append("` (same seed, same fault schedule).\n\n");
    sb.append("![timeline](").append(png.getFileName()).append(")\n\n");

    sb.append("## Invariants\n\n| invariant | limit | observed | held |\n|---|---|---|---|\n");
    for (Invariant i : invariants) {
      sb.append("| ")
          .append(cell(i.name()))
          .append(" | ")
          .append(cell(i.limit()))
          .append(" | ")
          .append(cell(i.observed()))
          .append(" | ")
          .append(i.held() ? "yes" : "**NO**")
          .append(" |\n");
    }

    sb.append("\n## Measurements\n\n");
    for (String f : figures) {
      sb.append("- ").append(f).append('\n');
    }

    Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    for (Fault f : plan.faults()) {
      counts.merge(f.kind(), 1, Integer::sum);
    }
    sb.append("\n## Fault schedule\n\n")
        .append(plan.faults().size())
        .append(" faults: ")
        .append(counts.toString().replace("{", "").replace("}", ""))
        .append(
            ". Times in seconds: planned from the start of the plan; actual on the chart's"
                + " axis.\n\n");
    sb.append("| # | planned at | for | fault | target | param | actual start | actual end |\n");
    sb.append("|---:|---:|---:|---|---|---:|---:|---:|\n");
    for (int i = 0; i < spans.size(); i++) {
      FaultSpan s = spans.get(i);
      Fault f = s.fault();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %.3f | %.3f | %s | %s | %s | %s | %s |%n",
              i + 1,
              f.atMillis() / 1000.0,
              f.durationMillis() / 1000.0,
              f.kind(),
              f.target(),
              f.param() == 0 ? "" : String.valueOf(f.param()),
              s.ran() ? String.format(Locale.ROOT, "%.2f", s.startSecond()) : "not run",
              s.ran() ? String.format(Locale.ROOT, "%.2f", s.endSecond()) : ""));
    }

    sb.append("\n## Settings\n\n");
    for (String s : settings) {
      sb.append("- `").append(s).append("`\n");
    }
    Files.writeString(md, sb.toString(), StandardCharsets.UTF_8);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
