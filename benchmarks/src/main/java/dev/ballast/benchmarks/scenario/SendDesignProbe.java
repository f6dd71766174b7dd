package dev.ballast.benchmarks.scenario;

import com.sun.management.OperatingSystemMXBean;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a blocking {@code send} loses to raw Netty (issue 12 §11): the same own-JVM server as
 * {@link ProcessServerOverheadSuite}, at 4 and 64 in flight, with the two designs a blocking call
 * can have measured on bare Netty beside raw Netty's async loop and Ballast {@code send}:
 *
 * <ul>
 *   <li>hand-off: callers park while one shared event loop writes and reads (Ballast's design);
 *   <li>caller-driven: each caller runs its own connection's I/O on a Netty {@code
 *       ManualIoEventLoop} ({@link CallerDrivenConnection}), so no other thread is woken per call.
 * </ul>
 *
 * <p>Besides req/s it prints CPU per call of the client JVM and of the server JVM: on a shared
 * machine a ratio of throughputs moves with the other load, CPU per call much less. Not part of
 * {@code RunAll}; run by hand: {@code java -cp benchmarks/target/ballast-benchmarks.jar
 * dev.ballast.benchmarks.scenario.SendDesignProbe [seconds-per-segment] [rounds]} (defaults 3 and
 * 3). Linux only (epoll).
 */
public final class SendDesignProbe {
  static final String RAW = "raw Netty async (1 event loop)";
  static final String HAND_OFF = "raw Netty blocking, hand-off to 1 event loop";
  static final String CALLER_DRIVEN = "raw Netty blocking, caller-driven (ManualIoEventLoop)";
  static final String SEND = "Ballast send";

  private SendDesignProbe() {}

  /** Usage: {@code [seconds-per-segment] [rounds]}. */
  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (seconds < 1 || seconds > 60 || rounds < 1 || rounds > 20) {
      throw new IllegalArgumentException(
          "arguments: "
              + String.join(" ", args)
              + " (expected: seconds-per-segment 1..60, rounds 1..20)");
    }
    Duration segment = Duration.ofSeconds(seconds);
    System.out.printf(
        "load average (1 min) at start: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "| in flight | client | req/s | ÷ raw Netty | p50 µs | p99 µs | client CPU µs/call"
            + " | server CPU µs/call | errors |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    try (ServerProcess server = ServerProcess.start(1)) {
      ProcessHandle serverProcess = ProcessHandle.current().children().findFirst().orElseThrow();
      for (int depth : List.of(4, 64)) {
        run(server.port(), serverProcess, depth, segment, rounds);
      }
    }
    System.out.printf(
        "load average (1 min) at end: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** A contender's segment runner plus what it must close. */
  private record Contender(Segment segment, AutoCloseable resources) {}

  @FunctionalInterface
  private interface Segment {
    void run(Duration length, ClosedLoop.Totals into);
  }

  private static void run(int port, ProcessHandle server, int depth, Duration segment, int rounds)
      throws Exception {
    String host = "127.0.0.1";
    Map<String, Contender> contenders = new LinkedHashMap<>();
    try {
      contenders.put(RAW, rawAsync(host, port, depth));
      RawNettyClient handOff = new RawNettyClient(1);
      contenders.put(
          HAND_OFF,
          pinned(
              depth,
              "hand-off",
              () -> {
                RawNettyClient.Connection c = handOff.connect(host, port);
                return caller(() -> c.get("/work"), c);
              },
              handOff));
      contenders.put(
          CALLER_DRIVEN,
          pinned(
              depth,
              "caller-driven",
              () -> {
                CallerDrivenConnection c = new CallerDrivenConnection(host, port);
                return caller(() -> c.get("/work"), c);
              },
              () -> {}));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      BallastHttpClient ballast = HttpClients.newBallast(host, port, depth, 2, registry);
      ServiceRequest request = ServiceRequest.get("svc", "/work").build();
      contenders.put(
          SEND,
          pinned(
              depth,
              "send",
              () -> caller(() -> ballast.send(request).statusCode(), () -> {}),
              () -> {
                ballast.close();
                registry.close();
              }));
      Map<String, double[]> sums = new LinkedHashMap<>();
      Map<String, ClosedLoop.Totals> totals = new LinkedHashMap<>();
      for (Map.Entry<String, Contender> c : contenders.entrySet()) {
        c.getValue().segment().run(segment, new ClosedLoop.Totals()); // warm-up
        totals.put(c.getKey(), new ClosedLoop.Totals());
        sums.put(c.getKey(), new double[2]);
      }
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, Contender> c : contenders.entrySet()) {
          ClosedLoop.Totals t = Objects.requireNonNull(totals.get(c.getKey()));
          double[] cpu = Objects.requireNonNull(sums.get(c.getKey()));
          long client0 = clientCpuNanos();
          long server0 = cpuNanos(server);
          c.getValue().segment().run(segment, t);
          cpu[0] += clientCpuNanos() - client0;
          cpu[1] += cpuNanos(server) - server0;
        }
      }
      ClosedLoop.Totals raw = Objects.requireNonNull(totals.get(RAW));
      for (Map.Entry<String, ClosedLoop.Totals> e : totals.entrySet()) {
        ClosedLoop.Totals t = e.getValue();
        double[] cpu = Objects.requireNonNull(sums.get(e.getKey()));
        System.out.printf(
            "| %d | %s | %,.0f | %.2f× | %.0f | %.0f | %.1f | %.1f | %d |%n",
            depth,
            e.getKey(),
            t.throughput(),
            t.throughput() / raw.throughput(),
            t.percentileMicros(50),
            t.percentileMicros(99),
            cpu[0] / 1000.0 / t.calls,
            cpu[1] / 1000.0 / t.calls,
            t.errors);
      }
    } finally {
      for (Contender c : contenders.values()) {
        c.resources().close();
      }
    }
  }

  private static Contender rawAsync(String host, int port, int depth) throws InterruptedException {
    RawNettyClient client = new RawNettyClient(1);
    List<AsyncClosedLoop.Lane> lanes = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      RawNettyClient.Connection c = client.connect(host, port);
      lanes.add(() -> c.send("/work"));
    }
    return new Contender((length, into) -> AsyncClosedLoop.run(lanes, length, into), client);
  }

  private static Contender pinned(
      int depth, String name, PinnedCallers.Opener opener, AutoCloseable shared) {
    PinnedCallers callers = new PinnedCallers(depth, name, opener);
    return new Contender(
        callers::segment,
        () -> {
          callers.close();
          shared.close();
        });
  }

  @FunctionalInterface
  private interface Get {
    int get() throws Exception;
  }

  private static PinnedCallers.Caller caller(Get get, AutoCloseable resource) {
    return new PinnedCallers.Caller() {
      @Override
      public int get() throws Exception {
        return get.get();
      }

      @Override
      public void close() {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing a caller", e);
        }
      }
    };
  }

  private static long clientCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
