package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * HTTP client overhead: one local Netty instance (testkit, no added latency), {@value #CALLERS}
 * threads each calling in a closed loop (so {@value #CALLERS} requests in flight), the clients
 * alternated in rounds within one run so drift on a shared machine hits all of them alike. Ballast
 * runs as configured for production: routing (peak-EWMA), metrics (a Micrometer registry) and
 * retries on. Allocation per request counts every thread of this JVM except the server's.
 */
public final class HttpOverheadSuite {
  static final int CALLERS = 4;
  private static final long MAX_CALLS_PER_THREAD = 50_000_000L;
  private static final String SERVER_THREADS = "ballast-overhead-io";

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public HttpOverheadSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Totals of one client over all measured rounds. */
  static final class Totals {
    final Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    long calls;
    long errors;
    long nanos;
    long bytes;

    double throughput() {
      return nanos == 0 ? Double.NaN : calls / (nanos / 1e9);
    }

    double percentileMicros(double p) {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(p);
    }

    double bytesPerCall() {
      return calls == 0 ? Double.NaN : bytes / (double) calls;
    }
  }

  /** Runs the comparison and writes {@code http-overhead.*} into {@code out}. */
  public SectionResult run(Path out) {
    Map<String, Totals> totals = new LinkedHashMap<>();
    int rounds = settings.isFull() ? 3 : 1;
    Duration segment = settings.measurementTime().multipliedBy(3);
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().name("overhead").instances(1).ioThreads(1).build()) {
      HttpInstance server = farm.instances().get(0);
      Map<String, HttpClients.Client> clients = new LinkedHashMap<>();
      try {
        for (String name : HttpClients.NAMES) {
          clients.put(name, HttpClients.create(name, server.host(), server.port(), CALLERS));
          totals.put(name, new Totals());
        }
        for (Map.Entry<String, HttpClients.Client> c : clients.entrySet()) {
          segment(c.getValue(), settings.scenarioWarmup(), null);
        }
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, HttpClients.Client> c : clients.entrySet()) {
            segment(c.getValue(), segment, totals.get(c.getKey()));
          }
        }
      } finally {
        clients.values().forEach(HttpClients.Client::close);
      }
    }
    return report(totals, rounds, segment, out);
  }

  private static void segment(HttpClients.Client client, Duration length, @Nullable Totals into) {
    List<HttpClients.Caller> callers = new ArrayList<>();
    try {
      for (int i = 0; i < CALLERS; i++) {
        callers.add(client.caller());
      }
    } catch (Exception e) {
      throw new IllegalStateException("client failed to start", e);
    }
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(10), 3);
    LongAdder calls = new LongAdder();
    LongAdder errors = new LongAdder();
    // Caller threads end before the final reading, taking their counters with them: each adds its
    // own allocation when it finishes.
    LongAdder callerBytes = new LongAdder();
    AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(CALLERS);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(CALLERS);
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (HttpClients.Caller caller : callers) {
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                long allocatedAtStart = Allocations.currentThread();
                try {
                  go.await();
                  long deadline = window[1];
                  for (long n = 0; n < MAX_CALLS_PER_THREAD; n++) {
                    long t0 = System.nanoTime();
                    if (t0 >= deadline) {
                      break;
                    }
                    try {
                      int status = caller.get();
                      if (status != 200) {
                        errors.increment();
                      }
                    } catch (Exception e) {
                      errors.increment();
                      firstError.compareAndSet(null, e);
                    }
                    histogram.recordValue(
                        Math.min(
                            (System.nanoTime() - t0) / 1000, histogram.getHighestTrackableValue()));
                    calls.increment();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  callerBytes.add(Allocations.currentThread() - allocatedAtStart);
                  done.countDown();
                }
              },
              "bench-caller");
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    try {
      ready.await();
      long bytesBefore = Allocations.allocatedBytesExcept(SERVER_THREADS, "bench-caller");
      long start = System.nanoTime();
      window[0] = start;
      window[1] = start + length.toNanos();
      go.countDown();
      if (!done.await(length.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("callers did not finish within " + length.plusSeconds(30));
      }
      long elapsed = System.nanoTime() - start;
      long bytesAfter = Allocations.allocatedBytesExcept(SERVER_THREADS, "bench-caller");
      for (Thread t : threads) {
        t.join(1_000);
      }
      if (into != null) {
        into.calls += calls.sum();
        into.errors += errors.sum();
        into.nanos += elapsed;
        into.bytes += Math.max(0, bytesAfter - bytesBefore) + callerBytes.sum();
        into.latencyMicros.add(histogram);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      callers.forEach(HttpClients.Caller::close);
    }
    Throwable error = firstError.get();
    if (error != null && errors.sum() * 100 > calls.sum()) {
      throw new IllegalStateException("more than 1 % of calls failed", error);
    }
  }

  private SectionResult report(Map<String, Totals> totals, int rounds, Duration segment, Path out) {
    SectionResult section = new SectionResult("http-overhead");
    Totals raw = java.util.Objects.requireNonNull(totals.get("raw Netty"), "raw Netty");
    Table table =
        new Table(
            "HTTP client overhead: one local Netty server, "
                + CALLERS
                + " callers in closed loop, clients alternated ("
                + rounds
                + " × "
                + segment.toMillis()
                + " ms each)",
            "client",
            "req/s",
            "÷ raw Netty",
            "p50 µs",
            "p99 µs",
            "p99 ÷ raw Netty",
            "B/request",
            "errors");
    for (Map.Entry<String, Totals> e : totals.entrySet()) {
      Totals t = e.getValue();
      table.row(
          e.getKey(),
          Table.num(t.throughput(), 0),
          Table.ratio(t.throughput() / raw.throughput()),
          Table.num(t.percentileMicros(50), 0),
          Table.num(t.percentileMicros(99), 0),
          Table.ratio(t.percentileMicros(99) / raw.percentileMicros(99)),
          Table.num(t.bytesPerCall(), 0),
          t.errors);
      section.figure(e.getKey() + " req/s", t.throughput(), "req/s");
    }
    table.note(
        "Client and server share the machine's cores: quote the ratios. B/request: bytes allocated"
            + " by every thread of the JVM except the server's event loop, per request"
            + " (ThreadMXBean.getThreadAllocatedBytes). Ballast: peak-EWMA routing, Micrometer"
            + " SimpleMeterRegistry, retries (3 attempts) and outlier detection on. Raw Netty: one"
            + " keep-alive connection per caller, HttpClientCodec + aggregator, nothing else."
            + " JDK HttpClient: HTTP/1.1, shared instance. Apache HttpClient 5 classic with a pooling"
            + " manager; OkHttp with a connection pool; both shared instances.");
    table.write(out, "http-overhead");
    section.table(table);
    List<String> names = new ArrayList<>(totals.keySet());
    List<Double> rps = new ArrayList<>();
    for (Totals t : totals.values()) {
      rps.add(t.throughput());
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("requests per second (" + CALLERS + " in flight)", rps);
    section.chart(
        Charts.bars(
            out.resolve("http-throughput.png"),
            "HTTP client throughput against one local server (higher is better)",
            "req/s",
            names,
            series,
            false));
    Totals ballast = java.util.Objects.requireNonNull(totals.get("Ballast"), "Ballast");
    Totals jdk = java.util.Objects.requireNonNull(totals.get("JDK HttpClient"), "JDK");
    double share = ballast.throughput() / raw.throughput();
    double p99 = ballast.percentileMicros(99) / raw.percentileMicros(99);
    double vsJdk = ballast.throughput() / jdk.throughput();
    section.goal(
        new Goal("Ballast throughput vs raw Netty", "≥ 90 %", Table.pct(share), share >= 0.9));
    section.goal(new Goal("Ballast p99 vs raw Netty", "≤ 1.2×", Table.ratio(p99), p99 <= 1.2));
    section.goal(
        new Goal("Ballast throughput vs JDK HttpClient", "≥ 2×", Table.ratio(vsJdk), vsJdk >= 2));
    return section;
  }
}
