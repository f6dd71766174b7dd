package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.reliability.Fault;
import dev.ballast.reliability.FaultKind;
import dev.ballast.reliability.FaultPlan;
import dev.ballast.reliability.Invariant;
import dev.ballast.reliability.SoakMargins;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The chaos soak's invariants, checked as the run goes (failures are counted the moment they
 * happen, by the traffic classes) and at its end (counters back to zero, writes present, threads
 * gone). Each check adds an {@link Invariant} with what it observed; {@link #figures()} keeps the
 * other measurements for the report. Used by one thread, the soak's.
 */
public final class SoakChecks {
  /** Threads the run may add over the count after warm-up (pool helpers come and go). */
  private static final int THREAD_SLACK = 16;

  private final FaultPlan plan;
  private final FaultInjector injector;
  private final Timeline timeline;
  private final HttpTraffic http;
  private final JdbcTraffic ryw;
  private final JdbcTraffic reads;

  /**
   * Read failures this soon after a replica stop or failover was applied are on connections it
   * killed.
   */
  private final long readGraceNanos;

  /** Writes may fail from the failover's start until this long after the promotion. */
  private final long writeGraceNanos;

  private final List<Invariant> invariants = new ArrayList<>();
  private final List<String> figures = new ArrayList<>();
  private int threadsAfterWarmUp;
  private double runStartSecond;

  /**
   * Checks over one soak's plan, injector, timeline and traffic, with the grace windows of {@code
   * margins}.
   */
  public SoakChecks(
      FaultPlan plan,
      FaultInjector injector,
      Timeline timeline,
      HttpTraffic http,
      JdbcTraffic ryw,
      JdbcTraffic reads,
      SoakMargins margins) {
    this.plan = requireNonNull(plan, "plan");
    this.injector = requireNonNull(injector, "injector");
    this.timeline = requireNonNull(timeline, "timeline");
    this.http = requireNonNull(http, "http");
    this.ryw = requireNonNull(ryw, "ryw");
    this.reads = requireNonNull(reads, "reads");
    requireNonNull(margins, "margins");
    this.readGraceNanos = margins.readGrace().toNanos();
    this.writeGraceNanos = margins.writeGrace().toNanos();
  }

  /** Waits (at most 90 s) until every kind of traffic flows, then notes the thread count. */
  public void warmUp() {
    boolean warm =
        waitFor(
            Duration.ofSeconds(90),
            () ->
                http.calls() >= 400
                    && ryw.acknowledged().size() >= 100
                    && reads.readsDone() >= 200);
    if (!warm) {
      throw new IllegalStateException(
          "the soak's traffic did not warm up in 90 s: "
              + http.calls()
              + " HTTP calls, "
              + ryw.acknowledged().size()
              + " writes, "
              + reads.readsDone()
              + " reads; failures: "
              + http.failureSamples()
              + ryw.samples()
              + reads.samples());
    }
    threadsAfterWarmUp = ThreadCensus.count();
  }

  /** Notes where the fault plan starts on the timeline. */
  public void runStarted() {
    runStartSecond = timeline.secondOf(injector.startNanos());
    figures.add(String.format(Locale.ROOT, "fault plan starts at second %.1f", runStartSecond));
  }

  /**
   * Checks after the load stopped: HTTP, write, stale-read and read invariants; in-flight and pool
   * counters back to zero; every acknowledged write on the current primary; workers and injector
   * without unexpected errors.
   */
  public void loadStopped(List<LoadLoop> loads, SoakRig rig) throws SQLException {
    LoadEnd end = new LoadEnd();
    end.httpCalls = http.calls();
    end.idempotentFailures = http.idempotentFailures();
    end.excusedIdempotentFailures = http.excusedIdempotentFailures();
    end.httpFailureSamples = http.failureSamples();

    RoutingDataSource ds = rig.dataSource();
    end.primary = ds.primaryHost().orElse("(none)");
    end.missingWrites =
        ds.primaryHost().isPresent()
            ? ryw.missingOn(rig.cluster().node(end.primary).dataSource())
            : ryw.acknowledged();
    end.acknowledgedWrites = ryw.acknowledged().size();
    end.staleReads = ryw.staleReads();
    end.readBacks = ryw.readsDone();

    long failoverStart = 0;
    long failoverApplied = 0;
    List<long[]> readGrace = new ArrayList<>();
    List<long[]> writeGrace = new ArrayList<>();
    for (int i = 0; i < plan.faults().size(); i++) {
      Fault f = plan.faults().get(i);
      long started = injector.startedNanos(i);
      long applied = injector.appliedNanos(i);
      if (started == 0) {
        end.faultsNotRun++;
        continue;
      }
      if (f.kind() == FaultKind.REPLICA_STOP || f.kind() == FaultKind.FAILOVER) {
        readGrace.add(new long[] {started, Math.max(started, applied) + readGraceNanos});
      }
      if (f.kind() == FaultKind.FAILOVER) {
        failoverStart = started;
        failoverApplied = applied;
        writeGrace.add(new long[] {started, Math.max(started, applied) + writeGraceNanos});
      }
    }
    end.faultsPlanned = plan.faults().size();
    end.writeFailureTimes = ryw.writeFailureTimes();
    end.writeGrace = writeGrace;
    end.writeGraceText = seconds(writeGraceNanos);
    end.writeFailures = ryw.writeFailures();
    end.writeFailureKinds = ryw.writeFailureKinds();
    List<Long> readFailures = new ArrayList<>(ryw.readFailureTimes());
    readFailures.addAll(reads.readFailureTimes());
    end.readFailureTimes = readFailures;
    end.readGrace = readGrace;
    end.readGraceText = seconds(readGraceNanos);
    end.readFailures = ryw.readFailures() + reads.readFailures();
    end.readFailureKinds = ryw.readFailureKinds() + " " + reads.readFailureKinds();
    if (failoverStart != 0) {
      long resumed = ryw.firstAckAtOrAfter(failoverApplied).orElse(Long.MAX_VALUE);
      figures.add(
          String.format(
              Locale.ROOT,
              "failover: primary stop + promotion took %d ms; first write acknowledged %d ms after"
                  + " the promotion",
              (failoverApplied - failoverStart) / 1_000_000,
              resumed == Long.MAX_VALUE ? -1 : (resumed - failoverApplied) / 1_000_000));
    }

    int[] inFlight = {0};
    end.drained =
        waitFor(
            Duration.ofSeconds(5),
            () -> {
              inFlight[0] = 0;
              for (EndpointStatus s : rig.client().loadBalancer(SoakRig.SERVICE).endpoints()) {
                inFlight[0] += s.inFlight();
              }
              return inFlight[0] == 0;
            });
    end.inFlight = inFlight[0];
    int[] active = {0};
    List<String> perPool = new ArrayList<>();
    waitFor(
        Duration.ofSeconds(5),
        () -> {
          active[0] = 0;
          perPool.clear();
          for (String host : ds.hostNames()) {
            int a = activeConnections(ds, host);
            active[0] += a;
            perPool.add(host + "=" + a);
          }
          return active[0] == 0;
        });
    end.poolActive = active[0];
    end.perPool = perPool;

    List<String> samples = new ArrayList<>();
    for (LoadLoop l : loads) {
      end.unexpectedErrors += l.unexpectedErrors();
      samples.addAll(l.errorSamples());
    }
    end.unexpectedErrors += injector.errors().size();
    samples.addAll(injector.errors());
    end.errorSamples = samples;
    invariants.addAll(end.invariants());

    figures.add("HTTP calls: " + http.calls() + ", answered after a retry: " + http.retriedCalls());
    figures.add("HTTP answers by instance: " + http.answersByEndpoint());
    figures.add(
        "HTTP POSTs failed (allowed when possibly received): " + http.nonIdempotentFailures());
    figures.add("writes acknowledged: " + ryw.acknowledged().size());
    figures.add("read-backs by node: " + ryw.readsByNode());
    figures.add("plain reads by node: " + reads.readsByNode());
    figures.add("write latency " + ryw.writeLatency().summary("run"));
    figures.add("read-back latency " + ryw.readLatency().summary("run"));
    figures.add("plain read latency " + reads.readLatency().summary("run"));
    figures.addAll(http.failureSamples().stream().limit(5).map(s -> "HTTP failure: " + s).toList());
    figures.addAll(ryw.samples().stream().limit(5).map(s -> "JDBC: " + s).toList());
    figures.addAll(reads.samples().stream().limit(5).map(s -> "JDBC: " + s).toList());
  }

  /** Checks thread growth during the run from the timeline's per-second thread counts. */
  public void beforeClose(SoakRig rig) {
    int from = (int) Math.ceil(runStartSecond);
    long[] threads = timeline.counts("threads", Math.max(from + 1, timeline.seconds()));
    long max = 0;
    for (int i = from; i < threads.length; i++) {
      max = Math.max(max, threads[i]);
    }
    invariants.add(
        Invariant.atMost(
            "No thread growth during the run (threads over the count after warm-up)",
            THREAD_SLACK,
            Math.max(0, max - threadsAfterWarmUp),
            "(max " + max + ", after warm-up " + threadsAfterWarmUp + ")"));
  }

  /** Checks that no thread started by the run outlives the closing of everything. */
  public void afterClose(ThreadCensus census) {
    List<List<String>> left = new ArrayList<>();
    left.add(census.newThreadsSince());
    waitFor(
        Duration.ofSeconds(15),
        () -> {
          left.set(0, census.newThreadsSince());
          return left.get(0).isEmpty();
        });
    invariants.add(
        Invariant.atMost(
            "No thread left after closing client, router, farm and cluster",
            0,
            left.get(0).size(),
            left.get(0).isEmpty() ? "" : left.get(0).toString()));
  }

  /** Every invariant so far, in the order checked. */
  public List<Invariant> invariants() {
    return List.copyOf(invariants);
  }

  /** Other measurements, one line each. */
  public List<String> figures() {
    return List.copyOf(figures);
  }

  private static int activeConnections(RoutingDataSource ds, String host) {
    try {
      HikariDataSource pool = ds.dataSource(host).unwrap(HikariDataSource.class);
      return pool.isClosed() ? 0 : pool.getHikariPoolMXBean().getActiveConnections();
    } catch (SQLException e) {
      throw new IllegalStateException("pool of " + host + " is not a HikariDataSource", e);
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
  }

  private static boolean waitFor(Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
