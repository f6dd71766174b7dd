package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The probes of a {@link TopologyMonitor}'s rounds: every host probed in parallel on the probe
 * threads, directly or through its server's {@link SharedHost}, and every outcome awaited until one
 * probe timeout after the round started.
 *
 * <p>At most one probe per host is in flight: a round that finds a host's previous probe still
 * running awaits that one rather than start another, so a hung host costs one thread, not one per
 * round. {@link #probe} is called by one round at a time (the monitor's timer thread, or the caller
 * of its first round).
 */
final class HostProbes {
  private final Dialect dialect;
  private final Duration probeTimeout;
  private final Map<String, SharedHost> shared;
  private final Runnable onSharedChange;
  private final ExecutorService threads;
  private final Map<String, Future<ProbeResult>> inFlight = new HashMap<>();

  /**
   * Probes as {@code dialect} says, on {@code threads} (owned from now on: {@link #close()} stops
   * them); a host named in {@code shared} goes through its {@link SharedHost}, which tells the
   * other routers of a role change and not {@code onSharedChange}, the monitor's own listener.
   */
  HostProbes(
      Dialect dialect,
      Duration probeTimeout,
      Map<String, SharedHost> shared,
      Runnable onSharedChange,
      ExecutorService threads) {
    this.dialect = dialect;
    this.probeTimeout = probeTimeout;
    this.shared = Map.copyOf(shared);
    this.onSharedChange = onSharedChange;
    this.threads = threads;
  }

  /**
   * Probes every host of {@code hosts} and waits, at most one probe timeout from now, for them all.
   *
   * @param maxAgeNanos how old a shared server's last outcome may be to be taken instead of a fresh
   *     probe (0: always probe afresh)
   * @return by host name, a {@link ProbeResult} or a {@link ProbeFailure}; null when the probe
   *     threads are stopped (the monitor is closing)
   */
  @Nullable Map<String, Object> probe(List<Host> hosts, long maxAgeNanos) {
    Map<String, Future<ProbeResult>> futures = new HashMap<>();
    for (Host h : hosts) {
      Future<ProbeResult> previous = inFlight.get(h.name());
      if (previous != null && !previous.isDone()) {
        futures.put(h.name(), previous);
        continue;
      }
      try {
        Future<ProbeResult> f = threads.submit(probeTask(h, maxAgeNanos));
        inFlight.put(h.name(), f);
        futures.put(h.name(), f);
      } catch (RejectedExecutionException e) {
        return null;
      }
    }
    long deadline = System.nanoTime() + probeTimeout.toNanos();
    Map<String, Object> outcomes = new HashMap<>();
    for (Host h : hosts) {
      outcomes.put(h.name(), await(futures.get(h.name()), deadline));
    }
    return outcomes;
  }

  /** Stops the probe threads, interrupting the probes in flight. Idempotent. */
  void close() {
    threads.shutdownNow();
  }

  private Callable<ProbeResult> probeTask(Host h, long maxAgeNanos) {
    // JDBC timeouts are whole seconds: round up, so that no probe gives up before the round does
    int timeoutSeconds = (int) Math.max(1, (probeTimeout.toMillis() + 999) / 1000);
    SharedHost server = shared.get(h.name());
    if (server != null) {
      return () -> server.probe(dialect, timeoutSeconds, maxAgeNanos, onSharedChange);
    }
    return () -> h.probe().probe(dialect, timeoutSeconds);
  }

  /** A {@link ProbeResult}, or a {@link ProbeFailure} saying why the host could not be probed. */
  private Object await(@Nullable Future<ProbeResult> f, long deadline) {
    if (f == null) {
      return new ProbeFailure("unreachable: not probed", false);
    }
    try {
      long remaining = Math.max(0, deadline - System.nanoTime());
      return f.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new ProbeFailure(
          "unreachable: no answer within " + HostState.format(probeTimeout), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeFailure("unreachable: probe interrupted", false);
    } catch (ExecutionException e) {
      return new ProbeFailure("unreachable: " + SqlStates.shortMessage(e.getCause()), true);
    }
  }
}
