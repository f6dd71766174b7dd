package dev.ballast.examples;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The demo's command-line options, parsed and checked. Immutable and thread-safe.
 *
 * <p>Defaults: every act ({@code 1,2,3,4,5}), 8 seconds per act (act 5 gets one and a half times
 * that: it tells three steps), local zone {@code a}, the database started, the report written to
 * {@code ./ballast-demo-report} (or under the system temp directory when the working directory is
 * not writable), live terminal view when standard output is a terminal.
 */
public final class DemoOptions {

  /** The number of acts the demo knows. */
  public static final int ACT_COUNT = 5;

  /** The act that needs the database. */
  public static final int DATABASE_ACT = 5;

  /** The zones of the demo's instances; the local zone must be one of them. */
  public static final List<String> ZONES = List.of("a", "b", "c");

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(8);
  static final Duration MIN_DURATION = Duration.ofSeconds(2);
  static final Duration MAX_DURATION = Duration.ofMinutes(10);

  private final SortedSet<Integer> acts;
  private final Duration actDuration;
  private final String zone;
  private final boolean database;
  private final @Nullable Path reportDir;
  private final boolean help;
  private final boolean plain;

  private DemoOptions(
      SortedSet<Integer> acts,
      Duration actDuration,
      String zone,
      boolean database,
      @Nullable Path reportDir,
      boolean help,
      boolean plain) {
    this.acts = acts;
    this.actDuration = actDuration;
    this.zone = zone;
    this.database = database;
    this.reportDir = reportDir;
    this.help = help;
    this.plain = plain;
  }

  /** The defaults, as if no argument was given. */
  public static DemoOptions defaults() {
    return parse(new String[0]);
  }

  /**
   * Parses command-line arguments; both {@code --name value} and {@code --name=value} are accepted.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value, with a message {@code
   *     <option>: <value> (expected: <what>)}
   */
  public static DemoOptions parse(String[] args) {
    requireNonNull(args, "args");
    SortedSet<Integer> acts = allActs();
    Duration duration = DEFAULT_DURATION;
    String zone = "a";
    boolean database = true;
    Path reportDir = null;
    boolean help = false;
    boolean plain = false;
    for (int i = 0; i < args.length; i++) {
      String arg = requireNonNull(args[i], "args[" + i + "]");
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--no-db":
          database = false;
          break;
        case "--plain":
          plain = true;
          break;
        case "--acts":
        case "--duration":
        case "--zone":
        case "--report-dir":
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(name + ": nothing (expected: " + what(name) + ")");
            }
            value = args[++i];
          }
          switch (name) {
            case "--acts":
              acts = parseActs(value);
              break;
            case "--duration":
              duration = parseDuration(value);
              break;
            case "--zone":
              zone = parseZone(value);
              break;
            default:
              reportDir = parseReportDir(value);
              break;
          }
          break;
        default:
          throw new IllegalArgumentException(
              "option: "
                  + arg
                  + " (expected: one of --acts, --duration, --zone, --no-db, --report-dir, --plain,"
                  + " --help)");
      }
    }
    return new DemoOptions(acts, duration, zone, database, reportDir, help, plain);
  }

  private static SortedSet<Integer> allActs() {
    SortedSet<Integer> all = new TreeSet<>();
    for (int act = 1; act <= ACT_COUNT; act++) {
      all.add(act);
    }
    return all;
  }

  private static String what(String option) {
    switch (option) {
      case "--acts":
        return "comma-separated act numbers from 1 to " + ACT_COUNT + ", such as 1,2,5";
      case "--duration":
        return "a duration per act from "
            + Durations.format(MIN_DURATION)
            + " to "
            + Durations.format(MAX_DURATION)
            + ", such as 8s";
      case "--zone":
        return "one of " + String.join(", ", ZONES);
      default:
        return "a directory path";
    }
  }

  private static SortedSet<Integer> parseActs(String value) {
    SortedSet<Integer> acts = new TreeSet<>();
    for (String part : value.split(",", -1)) {
      int act;
      try {
        act = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        act = -1;
      }
      if (act < 1 || act > ACT_COUNT) {
        throw new IllegalArgumentException(
            "--acts: " + value + " (expected: " + what("--acts") + ")");
      }
      acts.add(act);
    }
    return acts;
  }

  private static Duration parseDuration(String value) {
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      d = Duration.ZERO;
    }
    if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration: " + value + " (expected: " + what("--duration") + ")");
    }
    return d;
  }

  private static String parseZone(String value) {
    if (!ZONES.contains(value)) {
      throw new IllegalArgumentException(
          "--zone: " + value + " (expected: " + what("--zone") + ")");
    }
    return value;
  }

  private static Path parseReportDir(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "--report-dir: '" + value + "' (expected: " + what("--report-dir") + ")");
    }
    return Path.of(value);
  }

  /**
   * The acts to play, ascending; without the database act when {@link #database()} is false. Never
   * empty unless only the database act was asked for together with {@code --no-db}.
   */
  public SortedSet<Integer> acts() {
    SortedSet<Integer> selected = new TreeSet<>(acts);
    if (!database) {
      selected.remove(DATABASE_ACT);
    }
    return java.util.Collections.unmodifiableSortedSet(selected);
  }

  /** The acts asked for on the command line, including the database act under {@code --no-db}. */
  public SortedSet<Integer> requestedActs() {
    return java.util.Collections.unmodifiableSortedSet(acts);
  }

  /** The duration of each HTTP act (the database act takes one and a half times this). */
  public Duration actDuration() {
    return actDuration;
  }

  /**
   * The duration of {@code act}: {@link #actDuration()}, or one and a half times it for the
   * database act.
   */
  public Duration durationOf(int act) {
    return act == DATABASE_ACT ? actDuration.plus(actDuration.dividedBy(2)) : actDuration;
  }

  /** The zone the demo's caller runs in ({@code ballast.zone}). */
  public String zone() {
    return zone;
  }

  /** Whether the PostgreSQL cluster is started and the database act played. */
  public boolean database() {
    return database;
  }

  /** The report directory given with {@code --report-dir}, if any. */
  public Optional<Path> reportDir() {
    return Optional.ofNullable(reportDir);
  }

  /** Whether {@code --help} was given: print the usage and do nothing else. */
  public boolean help() {
    return help;
  }

  /** Whether {@code --plain} was given: no animation even on a terminal. */
  public boolean plain() {
    return plain;
  }

  /** The usage text printed by {@code --help}. */
  public static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: java -jar examples/target/ballast-demo.jar [options]",
        "",
        "Plays a scripted story against 6 local HTTP instances (zones a, b, c) and a local",
        "PostgreSQL primary with 2 streaming replicas, all on 127.0.0.1, and writes a report.",
        "",
        "Acts:",
        "  1  steady state: traffic stays in the local zone",
        "  2  a local instance is killed: no failed calls, traffic shifts",
        "  3  a local instance turns slow: its share drains (peak-EWMA)",
        "  4  the local zone's health checks fail: traffic spills to the other zones,",
        "     then recovers with slow start",
        "  5  database: reads on replicas, writes on the primary; a replica stops replaying;",
        "     the primary dies and a replica is promoted",
        "",
        "Options:",
        "  --acts 1,2,5         acts to play (default: all)",
        "  --duration 8s        duration of each act (default: "
            + Durations.format(DEFAULT_DURATION)
            + "; act 5 takes 1.5 times it)",
        "  --zone a             the caller's zone: a, b or c (default: a)",
        "  --no-db              no database: skip act 5",
        "  --report-dir <dir>   where the report goes (default: ./ballast-demo-report)",
        "  --plain              plain output, no animation",
        "  --help               this text");
  }

  @Override
  public String toString() {
    return "--acts "
        + String.join(",", acts.stream().map(String::valueOf).toArray(String[]::new))
        + " --duration "
        + Durations.format(actDuration)
        + " --zone "
        + zone
        + (database ? "" : " --no-db")
        + (reportDir == null ? "" : " --report-dir " + reportDir)
        + (plain ? " --plain" : "");
  }
}
