package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.benchmarks.scenario.HttpOverheadContenders.Contender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * HTTP client overhead where the server is not the bottleneck: a minimal Netty server ({@link
 * OverheadServerMain}) in its own JVM, started here and killed at the end. Closed loop at {@value
 * #SHALLOW} and {@value #DEEP} requests in flight: raw Netty and Ballast {@code sendAsync} keep
 * that many requests in flight without caller threads; Ballast {@code send} and the blocking peers
 * use that many caller threads. Clients alternate in rounds within one run.
 *
 * <p>With the system property {@value #JFR_PROPERTY} set to a file, one extra segment of Ballast
 * {@code sendAsync} at {@value #DEEP} in flight, three segments long, runs after the measured
 * rounds under a JFR recording (the JDK's {@code profile} settings, execution samples every
 * millisecond) written to that file; it is not counted.
 */
public final class ProcessServerOverheadSuite {
  static final int SHALLOW = 4;
  static final int DEEP = 64;
  static final String JFR_PROPERTY = "ballast.bench.jfr";
  static final String RAW = "raw Netty (async, 1 event loop)";
  static final String ASYNC = "Ballast sendAsync";
  static final String ASYNC_ONE_LOOP = "Ballast sendAsync, 1 event loop";
  static final String SEND = "Ballast send";
  static final List<String> BLOCKING_PEERS =
      List.of("JDK HttpClient", "Apache HttpClient 5", "OkHttp");

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public ProcessServerOverheadSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs the comparison and writes {@code http-overhead-process.*} into {@code out}. */
  public SectionResult run(Path out) {
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    Map<Integer, Map<String, ClosedLoop.Totals>> byDepth = new LinkedHashMap<>();
    @Nullable String jfr = System.getProperty(JFR_PROPERTY);
    double[] load = new double[2];
    load[0] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try (ServerProcess server = ServerProcess.start(1)) {
      for (int depth : List.of(SHALLOW, DEEP)) {
        Map<String, ClosedLoop.Totals> totals = new LinkedHashMap<>();
        Map<String, Contender> contenders =
            HttpOverheadContenders.all("127.0.0.1", server.port(), depth);
        try {
          contenders.keySet().forEach(name -> totals.put(name, new ClosedLoop.Totals()));
          for (Contender c : contenders.values()) {
            c.segment(settings.scenarioWarmup(), null);
          }
          for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Contender> c : contenders.entrySet()) {
              c.getValue().segment(segment, totals.get(c.getKey()));
            }
          }
          if (jfr != null && depth == DEEP) {
            record(
                Objects.requireNonNull(contenders.get(ASYNC), ASYNC),
                segment.multipliedBy(3),
                Path.of(jfr));
          }
        } finally {
          contenders.values().forEach(Contender::close);
        }
        byDepth.put(depth, totals);
      }
    }
    load[1] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return report(byDepth, rounds, segment, load, out);
  }

  private static void record(Contender contender, Duration length, Path file) {
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      // The profile settings sample every 10 ms: too few samples for a few seconds on 2 cores.
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
      recording.start();
      contender.segment(length, null);
      recording.stop();
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the JFR recording to " + file, e);
    } catch (ParseException e) {
      throw new IllegalStateException("the JDK's JFR profile settings", e);
    }
  }

  private SectionResult report(
      Map<Integer, Map<String, ClosedLoop.Totals>> byDepth,
      int rounds,
      Duration segment,
      double[] load,
      Path out) {
    SectionResult section = new SectionResult("http-overhead-process");
    Table table =
        new Table(
            "HTTP client overhead, server in its own JVM: closed loop, clients alternated ("
                + rounds
                + " × "
                + segment.toMillis()
                + " ms each)",
            "in flight",
            "client",
            "req/s",
            "÷ raw Netty",
            "p50 µs",
            "p99 µs",
            "p99 ÷ raw Netty",
            "errors");
    for (Map.Entry<Integer, Map<String, ClosedLoop.Totals>> d : byDepth.entrySet()) {
      ClosedLoop.Totals raw = Objects.requireNonNull(d.getValue().get(RAW), RAW);
      for (Map.Entry<String, ClosedLoop.Totals> e : d.getValue().entrySet()) {
        ClosedLoop.Totals t = e.getValue();
        table.row(
            d.getKey(),
            e.getKey(),
            Table.num(t.throughput(), 0),
            Table.ratio(t.throughput() / raw.throughput()),
            Table.num(t.percentileMicros(50), 0),
            Table.num(t.percentileMicros(99), 0),
            Table.ratio(t.percentileMicros(99) / raw.percentileMicros(99)),
            t.errors);
        section.figure(e.getKey() + " @" + d.getKey() + " req/s", t.throughput(), "req/s");
      }
      goals(section, d.getKey(), d.getValue(), raw);
    }
    table.note(
        String.format(
            "Server: OverheadServerMain (Netty, 1 event loop, fixed 3-byte body, keep-alive) in a"
                + " child JVM on 127.0.0.1, sharing the machine's cores with this one. Raw Netty and"
                + " Ballast sendAsync: N requests in flight without caller threads (the next sent"
                + " from the previous one's completion); Ballast send and the peers: N caller"
                + " threads. Ballast: peak-EWMA, Micrometer SimpleMeterRegistry, retries and"
                + " outlier detection on, 2 event loops unless the row says 1. System load average (1 min) %.2f at the"
                + " start, %.2f at the end.",
            load[0], load[1]));
    table.write(out, "http-overhead-process");
    section.table(table);
    return section;
  }

  private static void goals(
      SectionResult section,
      int depth,
      Map<String, ClosedLoop.Totals> totals,
      ClosedLoop.Totals raw) {
    ClosedLoop.Totals async = Objects.requireNonNull(totals.get(ASYNC), ASYNC);
    ClosedLoop.Totals send = Objects.requireNonNull(totals.get(SEND), SEND);
    double share = async.throughput() / raw.throughput();
    double p99 = async.percentileMicros(99) / raw.percentileMicros(99);
    section.goal(
        new Goal(
            "sendAsync throughput vs raw Netty, " + depth + " in flight (own-JVM server)",
            "≥ 90 %",
            Table.pct(share),
            share >= 0.9));
    section.goal(
        new Goal(
            "sendAsync p99 vs raw Netty, " + depth + " in flight (own-JVM server)",
            "≤ 1.2×",
            Table.ratio(p99),
            p99 <= 1.2));
    if (depth == SHALLOW) {
      double sendShare = send.throughput() / raw.throughput();
      section.goal(
          new Goal(
              "send throughput vs raw Netty, " + depth + " in flight (own-JVM server)",
              "≥ 70 %",
              Table.pct(sendShare),
              sendShare >= 0.7));
    }
    String best = "";
    double bestRps = 0;
    for (String peer : BLOCKING_PEERS) {
      double rps = Objects.requireNonNull(totals.get(peer), peer).throughput();
      if (rps > bestRps) {
        bestRps = rps;
        best = peer;
      }
    }
    double lead = send.throughput() / bestRps;
    section.goal(
        new Goal(
            "send vs the fastest blocking peer (" + best + "), " + depth + " in flight",
            "> 1.0×",
            Table.ratio(lead),
            lead > 1.0));
  }
}
