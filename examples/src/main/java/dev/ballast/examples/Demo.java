package dev.ballast.examples;

import dev.ballast.examples.internal.ActRunner;
import dev.ballast.examples.internal.Acts;
import dev.ballast.examples.internal.Closer;
import dev.ballast.examples.internal.DemoConfig;
import dev.ballast.examples.internal.Logging;
import dev.ballast.examples.internal.Stage;
import dev.ballast.examples.internal.Timeline;
import dev.ballast.examples.internal.View;
import dev.ballast.examples.internal.report.ReportWriter;
import dev.ballast.examples.internal.report.SummaryTable;
import dev.ballast.examples.internal.view.Views;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PostgresCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Ballast demo: starts six HTTP instances and a PostgreSQL primary with two replicas on {@code
 * 127.0.0.1}, configures Ballast from {@code demo.properties}, plays five acts (steady state, an
 * instance killed, an instance slow, a zone unhealthy, database lag and failover) under steady
 * traffic with a live terminal view, prints a summary and writes a report folder (HTML page, PNG
 * charts, log). Everything else it starts is stopped and deleted when it ends, also on Ctrl-C.
 *
 * <pre>
 * mvn -B -ntp -q package -DskipTests -pl examples -am &amp;&amp; java -jar examples/target/ballast-demo.jar
 * </pre>
 */
public final class Demo {

  /** The report folder used when {@code --report-dir} is not given. */
  public static final String DEFAULT_REPORT_DIR = "ballast-demo-report";

  /** The log file inside the report folder (written when run through {@link #main}). */
  public static final String LOG_FILE = "demo.log";

  private static final Duration WARM_UP = Duration.ofSeconds(2);

  private Demo() {}

  /**
   * Runs the demo and exits: 0 when it ran (whatever it measured), 2 for bad options, 1 when it
   * could not run.
   *
   * @param args command-line options; see {@link DemoOptions#usage()}
   */
  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("Run with --help to see the options.");
      System.exit(2);
      return;
    }
    int status = 0;
    if (!options.help()) {
      Path dir = reportDirectory(options);
      try {
        Files.createDirectories(dir);
        Logging.toFile(dir.resolve(LOG_FILE));
      } catch (IOException e) {
        System.err.println("--report-dir: " + dir + " (expected: a directory that can be created)");
        System.exit(2);
        return;
      }
    }
    try {
      run(args, System.out);
    } catch (RuntimeException | Error e) {
      if (!INTERRUPTED.get()) {
        System.err.println("The demo failed: " + e);
        e.printStackTrace(System.err);
        status = 1;
      }
    }
    System.exit(status);
  }

  private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

  /**
   * Runs the demo in this JVM, writing the story to {@code out} (animated only when {@code out} is
   * {@link System#out} on a terminal), and returns what it measured. Everything it starts is
   * stopped and deleted before it returns or throws; the report folder stays.
   *
   * @param args command-line options; see {@link DemoOptions#usage()}
   * @param out where the story is told
   * @return the summary; with no acts when {@code --help} was given
   * @throws IllegalArgumentException for bad options, with a message {@code <option>: <value>
   *     (expected: <what>)}
   * @throws IllegalStateException when the demo cannot run (a server that does not start)
   * @throws UncheckedIOException when the report cannot be written
   */
  public static Summary run(String[] args, PrintStream out) {
    long start = System.nanoTime();
    DemoOptions options = DemoOptions.parse(args);
    Path reportDir = reportDirectory(options);
    if (options.help()) {
      out.println(DemoOptions.usage());
      return new Summary(List.of(), reportDir, since(start));
    }
    View view = Views.create(out, options.plain());
    Closer closer = new Closer();
    Thread hook =
        new Thread(
            () -> {
              INTERRUPTED.set(true);
              view.close();
              out.println();
              out.println("Interrupted: stopping the instances and databases...");
              closer.close();
              out.println("Stopped; their files are deleted.");
              out.flush();
            },
            "ballast-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return play(options, reportDir, out, view, closer, start);
    } catch (Exception e) {
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new IllegalStateException("the demo could not run: " + e, e);
    } finally {
      closer.close();
      view.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down (Ctrl-C): the hook is running or has run
      }
    }
  }

  private static Summary play(
      DemoOptions options, Path reportDir, PrintStream out, View view, Closer closer, long start)
      throws Exception {
    if (options.acts().isEmpty()) {
      view.line("Nothing to play: act 5 needs the database, and --no-db leaves it out.");
      return new Summary(List.of(), reportDir, since(start));
    }
    view.line("Ballast demo: HTTP load balancing and JDBC read/write routing, in process,");
    view.line("against real servers on 127.0.0.1.");
    view.line(
        "  acts "
            + String.join(",", options.acts().stream().map(String::valueOf).toArray(String[]::new))
            + " | "
            + seconds(options.actDuration())
            + " per act"
            + (options.acts().contains(DemoOptions.DATABASE_ACT)
                ? " (act 5: " + seconds(options.durationOf(DemoOptions.DATABASE_ACT)) + ")"
                : "")
            + " | this process in zone "
            + options.zone()
            + " | about "
            + estimate(options)
            + " in all");
    if (!options.database() && options.requestedActs().contains(DemoOptions.DATABASE_ACT)) {
      view.line("  act 5 skipped: --no-db");
    }
    HttpInstanceFarm farm =
        timed(view, "6 HTTP instances of 'orders' (zones a, b, c)", () -> Stage.startFarm(closer));
    SortedSet<Integer> acts = new TreeSet<>(options.acts());
    PostgresCluster cluster = null;
    if (acts.contains(DemoOptions.DATABASE_ACT)) {
      try {
        cluster =
            timed(
                view,
                "PostgreSQL: a primary (zone a) and 2 streaming replicas (zones a, b)",
                () -> Stage.startCluster(closer));
      } catch (RuntimeException e) {
        // The embedded binaries are for Linux x86-64; elsewhere the HTTP acts still run.
        acts.remove(DemoOptions.DATABASE_ACT);
        view.line("  PostgreSQL could not start, so act 5 is skipped: " + e.getMessage());
        if (acts.isEmpty()) {
          throw e;
        }
      }
    }
    Stage stage = Stage.of(farm, cluster, options.zone(), DemoConfig.load());
    view.line(
        "  Ballast is configured from demo.properties (shown in the report): peak-EWMA, health"
            + " checks every 250 ms,");
    view.line(
        cluster == null
            ? "  slow start 4 s"
            : "  slow start 4 s; read-your-writes=lsn, topology=auto for the database");
    Timeline timeline = new Timeline(stage.instanceIds(), stage.nodeNames());
    ActRunner runner = new ActRunner(stage, options, view, timeline, closer);
    if (acts.stream().anyMatch(a -> a != DemoOptions.DATABASE_ACT)) {
      long warming = System.nanoTime();
      runner.warmUp(WARM_UP);
      view.line(
          "  warmed up the JVM with "
              + seconds(since(warming))
              + " of traffic (not counted: a fresh JVM is slow at first)");
    }
    List<ActResult> results = new ArrayList<>();
    for (int act : acts) {
      if (closer.isClosed()) {
        throw new IllegalStateException("interrupted");
      }
      results.add(runner.play(Acts.get(act)));
    }
    String configuration = stage.resolvedConfigText();
    view.line("");
    long stopping = System.nanoTime();
    closer.close();
    for (String problem : closer.problems()) {
      view.line("  could not stop " + problem);
    }
    view.line(
        (cluster == null
                ? "Stopped the instances ("
                : "Stopped the instances and databases and deleted their files (")
            + seconds(since(stopping))
            + ").");
    view.line("");
    view.line("Summary");
    SummaryTable.lines(results).forEach(view::line);
    Duration wall = since(start);
    Path html;
    try {
      html =
          ReportWriter.write(reportDir, options.toString(), results, timeline, configuration, wall);
    } catch (IOException e) {
      throw new UncheckedIOException("the report could not be written to " + reportDir, e);
    }
    view.line("");
    view.line("Report (kept on purpose): " + html);
    view.line(
        "  with the charts"
            + (Files.exists(reportDir.resolve(LOG_FILE)) ? " and the log " + LOG_FILE : "")
            + " in "
            + reportDir);
    view.line(String.format(Locale.ROOT, "Done in %.1f s.", since(start).toMillis() / 1000.0));
    out.flush();
    return new Summary(results, reportDir, since(start));
  }

  private static <T> T timed(View view, String what, Supplier<T> start) {
    long t0 = System.nanoTime();
    T value = start.get();
    view.line("  started " + what + " in " + seconds(since(t0)));
    return value;
  }

  /** Start-up, warm-up, the acts with their set-up, and the report: measured, rounded up. */
  private static String estimate(DemoOptions options) {
    long seconds = 12;
    for (int act : options.acts()) {
      seconds += options.durationOf(act).toSeconds() + 1;
    }
    long rounded = (seconds + 9) / 10 * 10;
    return rounded < 120 ? rounded + " s" : (rounded + 30) / 60 + " min";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * {@code --report-dir}, else {@value #DEFAULT_REPORT_DIR} in the working directory when it is
   * writable, else under the system temp directory; absolute.
   */
  static Path reportDirectory(DemoOptions options) {
    @Nullable Path given = options.reportDir().orElse(null);
    if (given != null) {
      return given.toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path dir =
        Files.isWritable(cwd)
            ? cwd.resolve(DEFAULT_REPORT_DIR)
            : Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_REPORT_DIR);
    return dir.toAbsolutePath().normalize();
  }
}
