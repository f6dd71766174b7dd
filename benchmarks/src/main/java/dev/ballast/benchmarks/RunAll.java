package dev.ballast.benchmarks;

import dev.ballast.benchmarks.pick.PickCostSuite;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Machine;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.benchmarks.scenario.ConsistencySuite;
import dev.ballast.benchmarks.scenario.FaultReactionSuite;
import dev.ballast.benchmarks.scenario.GtidConsistencySuite;
import dev.ballast.benchmarks.scenario.HttpOverheadSuite;
import dev.ballast.benchmarks.scenario.JdbcOverheadSuite;
import dev.ballast.benchmarks.scenario.MariaDbOverheadSuite;
import dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite;
import dev.ballast.benchmarks.scenario.ReadYourWritesCostSuite;
import dev.ballast.benchmarks.scenario.TailLatencySuite;
import dev.ballast.benchmarks.scenario.TailUnderLoadSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Runs every benchmark section and writes Markdown and CSV tables, PNG charts and {@code
 * summary.md} (machine, tables, charts, goals) into the output directory.
 *
 * <pre>
 * java -cp benchmarks/target/ballast-benchmarks.jar dev.ballast.benchmarks.RunAll [--quick]
 *     [--out DIR] [--only pick-cost,...]
 * </pre>
 *
 * <p>Without {@code --quick} the full settings ({@link RunSettings#full()}) apply: about 15 minutes
 * on 2 cores. The default output directory is {@code benchmarks/results} when run from the
 * repository root, else {@code results}.
 */
public final class RunAll {
  private RunAll() {}

  /** Command-line entry point; exits non-zero on a bad argument or a failed section. */
  public static void main(String[] args) {
    RunSettings settings = RunSettings.full();
    Path out =
        Files.isDirectory(Path.of("benchmarks"))
            ? Path.of("benchmarks/results")
            : Path.of("results");
    Set<String> only = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          settings = RunSettings.quick();
          break;
        case "--out":
          out = Path.of(requireValue(args, ++i, "--out"));
          break;
        case "--only":
          only.addAll(List.of(requireValue(args, ++i, "--only").split(",")));
          break;
        default:
          System.err.println(
              "argument: " + args[i] + " (expected: --quick, --out DIR or --only SECTIONS)");
          System.err.println("sections: " + String.join(",", sections().keySet()));
          System.exit(2);
      }
    }
    for (String s : only) {
      if (!sections().containsKey(s)) {
        System.err.println("--only: " + s + " (expected: one of " + sections().keySet() + ")");
        System.exit(2);
      }
    }
    long start = System.nanoTime();
    List<SectionResult> results = run(settings, out, only);
    System.out.println(
        "Wrote "
            + out.toAbsolutePath()
            + " in "
            + Duration.ofNanos(System.nanoTime() - start).toSeconds()
            + " s");
    for (SectionResult r : results) {
      for (Goal g : r.goals()) {
        System.out.println(
            (g.met() ? "  met     " : "  MISSED  ")
                + g.name()
                + ": "
                + g.measured()
                + " (target "
                + g.target()
                + ")");
      }
    }
  }

  private static String requireValue(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + ": (missing) (expected: a value after " + flag + ")");
      System.exit(2);
    }
    return args[i];
  }

  /**
   * The sections that start MariaDB servers (3–16 s each on this machine): left out of the smoke
   * test so that it stays fast; run them with {@code --only}.
   */
  static final Set<String> MARIADB_SECTIONS = Set.of("jdbc-overhead-mariadb", "jdbc-ryw-gtid");

  /** The sections in run order, by name. */
  static Map<String, BiFunction<RunSettings, Path, SectionResult>> sections() {
    Map<String, BiFunction<RunSettings, Path, SectionResult>> m = new LinkedHashMap<>();
    m.put("pick-cost", (s, out) -> new PickCostSuite(s).run(out));
    m.put("tail-latency", (s, out) -> new TailLatencySuite(s).run(out));
    m.put("tail-latency-load", (s, out) -> new TailUnderLoadSuite(s).run(out));
    m.put("http-overhead", (s, out) -> new HttpOverheadSuite(s).run(out));
    m.put("http-overhead-process", (s, out) -> new ProcessServerOverheadSuite(s).run(out));
    m.put("jdbc-overhead", (s, out) -> new JdbcOverheadSuite(s).run(out));
    m.put("jdbc-ryw-cost", (s, out) -> new ReadYourWritesCostSuite(s).run(out));
    m.put("jdbc-overhead-mariadb", (s, out) -> new MariaDbOverheadSuite(s).run(out));
    m.put("jdbc-ryw-gtid", (s, out) -> new GtidConsistencySuite(s).run(out));
    m.put("consistency-failover", (s, out) -> new ConsistencySuite(s).run(out));
    m.put("fault-reaction", (s, out) -> new FaultReactionSuite(s).run(out));
    return m;
  }

  /**
   * Runs the sections in {@code only} (all when empty) and writes their files and {@code
   * summary.md} into {@code out}.
   */
  public static List<SectionResult> run(RunSettings settings, Path out, Set<String> only) {
    List<SectionResult> results = new ArrayList<>();
    for (Map.Entry<String, BiFunction<RunSettings, Path, SectionResult>> e :
        sections().entrySet()) {
      if (!only.isEmpty() && !only.contains(e.getKey())) {
        continue;
      }
      long t0 = System.nanoTime();
      SectionResult r = e.getValue().apply(settings, out);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      r.note("Section took " + took.toSeconds() + " s.");
      System.out.println("Section " + e.getKey() + " took " + took.toMillis() + " ms");
      results.add(r);
    }
    writeSummary(settings, out, results);
    return results;
  }

  private static void writeSummary(RunSettings settings, Path out, List<SectionResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Ballast benchmark results (").append(settings.name()).append(" run)\n\n");
    sb.append(
        "Generated by `dev.ballast.benchmarks.RunAll`; see `../RESULTS.md` for the reading.\n\n");
    sb.append("## Machine\n\n").append(Machine.describe()).append('\n');
    Table goals = Goal.table("Goals");
    for (SectionResult r : results) {
      for (Goal g : r.goals()) {
        goals.row(g.cells());
      }
    }
    sb.append(goals.toMarkdown()).append('\n');
    for (SectionResult r : results) {
      sb.append("## ").append(r.name()).append("\n\n");
      for (Table t : r.tables()) {
        sb.append(t.toMarkdown()).append('\n');
      }
      for (Path chart : r.charts()) {
        sb.append("![")
            .append(chart.getFileName())
            .append("](")
            .append(chart.getFileName())
            .append(")\n\n");
      }
      for (String n : r.notes()) {
        sb.append(n).append("\n\n");
      }
    }
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("summary.md"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing summary to " + out, e);
    }
  }
}
