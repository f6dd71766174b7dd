package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Scheduler;
import dev.ballast.lb.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every host each health interval (and at once when asked after a failure), decides roles,
 * lag and read eligibility, publishes an immutable {@link TopologySnapshot}, and feeds the eligible
 * replicas to the load balancer's endpoint source. It owns the schedule; the probing is {@link
 * HostProbes}', the verdict {@link RoundEvaluator}'s, and the publishing {@link
 * TopologyPublisher}'s.
 *
 * <p><b>Threading.</b> Rounds run one at a time on the monitor's own daemon timer thread; the hosts
 * of a round are probed in parallel on daemon probe threads (at most one probe per host in flight,
 * so a hung host costs one thread, not one per round). {@link #snapshot()} is a volatile read, safe
 * from any thread. The first round runs in {@link #start()}, on the caller's thread, so that the
 * router knows its topology before it hands out its first connection.
 *
 * <p><b>Shared servers.</b> A host whose server ({@code host:port}) other routers of the process
 * also watch is probed through its {@link SharedHost}: a periodic round takes the server's outcome
 * if it is younger than half an interval, a round after a failure always probes afresh, and a
 * change of role seen by any router starts a round of every other at once.
 *
 * <p><b>Time.</b> Probe deadlines and recheck spacing are real waits on real servers and use {@link
 * System#nanoTime()}; the injected {@link Ticker} drives only the lag estimate of a replica whose
 * replay timestamp is unknown.
 */
public final class TopologyMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopologyMonitor.class);

  /** Rechecks asked for after failures run at most this often: a failure storm is one probe. */
  private static final long MIN_RECHECK_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final RouterConfig config;
  private final List<Host> hosts;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean recheckPending = new AtomicBoolean();
  private final AtomicBoolean freshPending = new AtomicBoolean();
  private final Map<String, SharedHost> shared;
  private final @Nullable AutoCloseable sharedLease;
  private final Runnable onSharedChange = this::scheduleRecheck;
  private final HostProbes probes;
  private final RoundEvaluator evaluator;
  private final TopologyPublisher publisher;
  private volatile TopologySnapshot snapshot;
  private volatile long lastRoundEndNanos;
  private volatile boolean closed;
  private @Nullable ScheduledFuture<?> periodic;

  /**
   * A monitor of {@code hosts} (the configured primary first) that probes them as {@code dialect}
   * says; call {@link #start()}.
   */
  public TopologyMonitor(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      DynamicEndpointSource replicaSource,
      Ticker ticker) {
    this(config, dialect, hosts, replicaSource, ticker, Map.of(), null);
  }

  /**
   * As above, with {@code shared}: the {@link SharedHost} of each host (by host name) that is
   * probed through its server's shared state; {@code lease} is closed with the monitor.
   */
  public TopologyMonitor(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      DynamicEndpointSource replicaSource,
      Ticker ticker,
      Map<String, SharedHost> shared,
      @Nullable AutoCloseable lease) {
    this.config = config;
    this.shared = Map.copyOf(shared);
    this.sharedLease = lease;
    this.hosts = List.copyOf(hosts);
    this.evaluator = new RoundEvaluator(config, dialect, this.hosts, ticker);
    this.publisher = new TopologyPublisher(config, replicaSource);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(daemon("ballast-jdbc-" + config.name()));
    this.probes =
        new HostProbes(
            dialect,
            config.healthCheckTimeout(),
            this.shared,
            onSharedChange,
            Executors.newFixedThreadPool(
                Math.max(1, this.hosts.size()),
                daemon("ballast-jdbc-" + config.name() + "-probe")));
    List<HostState> initial = new ArrayList<>();
    @Nullable Host primary = null;
    for (Host h : this.hosts) {
      initial.add(HostState.initial(h));
      if (h.configuredPrimary()) {
        primary = h;
      }
    }
    this.snapshot = new TopologySnapshot(initial, primary, Lsns.NONE);
  }

  /** Runs the first round now, on this thread, then one every health interval. */
  public void start() {
    // only now: another router's probe may call the listener at any moment, timer and all
    for (SharedHost s : shared.values()) {
      s.listen(onSharedChange);
    }
    round();
    long interval = config.healthCheckInterval().toNanos();
    periodic =
        timer.scheduleWithFixedDelay(this::safeRound, interval, interval, TimeUnit.NANOSECONDS);
  }

  /** The latest snapshot. Never null. */
  public TopologySnapshot snapshot() {
    return snapshot;
  }

  /**
   * Asks for a round as soon as possible (after a connection failure or a read-only error from the
   * supposed primary). Requests coalesce: many failures at once cost one round. Any thread.
   */
  public void requestRecheck() {
    freshPending.set(true); // a failure is news about the host: no shared answer will do
    scheduleRecheck();
  }

  private void scheduleRecheck() {
    if (closed || !recheckPending.compareAndSet(false, true)) {
      return;
    }
    long wait = lastRoundEndNanos + MIN_RECHECK_SPACING_NANOS - System.nanoTime();
    try {
      ScheduledFuture<?> unused =
          timer.schedule(this::safeRound, Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      recheckPending.set(false);
    }
  }

  /** A timer on the monitor thread, for the load balancer's control plane. */
  public Scheduler scheduler() {
    return (task, delayNanos) -> {
      ScheduledFuture<?> f = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }

  /** Stops the timer and the probe threads and closes the probe connections. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScheduledFuture<?> p = periodic;
    if (p != null) {
      p.cancel(false);
    }
    timer.shutdownNow();
    probes.close();
    for (SharedHost s : shared.values()) {
      s.unlisten(onSharedChange);
    }
    for (Host h : hosts) {
      if (!shared.containsKey(h.name())) {
        h.probe().close();
      }
    }
    AutoCloseable lease = sharedLease;
    if (lease != null) {
      try {
        lease.close(); // the last router on a server closes its probe connection
      } catch (Exception e) {
        log.debug("Ignoring a failure to release shared hosts", e);
      }
    }
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException | Error e) {
      // A bug in one round must not stop monitoring for good.
      log.error("Topology round of '{}' failed", config.name(), e);
    }
  }

  private void round() {
    if (closed) {
      return;
    }
    recheckPending.set(false);
    long maxAgeNanos =
        freshPending.getAndSet(false) ? 0 : config.healthCheckInterval().toNanos() / 2;
    Map<String, Object> outcomes = probes.probe(hosts, maxAgeNanos);
    if (outcomes == null || closed) {
      return; // probes refused or interrupted by close() say nothing about the hosts
    }
    TopologySnapshot before = snapshot;
    TopologySnapshot next = evaluator.evaluate(before, outcomes);
    snapshot = next;
    publisher.publish(before, next);
    lastRoundEndNanos = System.nanoTime();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Used by tests: whether the monitor was closed. */
  boolean isClosed() {
    return closed;
  }
}
