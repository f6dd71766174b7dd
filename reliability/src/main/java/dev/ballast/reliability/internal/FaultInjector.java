package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.reliability.Fault;
import dev.ballast.reliability.FaultKind;
import dev.ballast.reliability.FaultPlan;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries out a {@link FaultPlan} against a farm and a cluster, in real time from {@link #start}.
 *
 * <p>Two lanes, each a daemon thread running its actions in time order: HTTP faults ({@code
 * faults-http}) and PostgreSQL faults ({@code faults-pg}), so that a slow PostgreSQL stop never
 * delays an HTTP fault. Every fault is applied at its start and undone at its end (a failover is
 * not undone); a health flap becomes a series of flips. The actual times of each application and
 * undo are kept for the report, as is any action that threw.
 *
 * <p>Thread-safe.
 */
public final class FaultInjector implements AutoCloseable {
  private final FaultPlan plan;
  private final HttpInstanceFarm farm;
  private final PostgresCluster cluster;
  private final Duration baseMin;
  private final Duration baseMax;
  private final long[] startedNanos;
  private final long[] appliedNanos;
  private final long[] undoneNanos;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private final List<Thread> lanes = new ArrayList<>();
  private volatile long startNanos;
  private volatile boolean stopping;

  private record Action(long atMillis, int fault, boolean undo, Runnable run) {}

  /**
   * An injector of {@code plan}. {@code baseMin}..{@code baseMax} is the instances' normal latency,
   * restored when a {@link FaultKind#SLOW} fault ends.
   */
  public FaultInjector(
      FaultPlan plan,
      HttpInstanceFarm farm,
      PostgresCluster cluster,
      Duration baseMin,
      Duration baseMax) {
    this.plan = requireNonNull(plan, "plan");
    this.farm = requireNonNull(farm, "farm");
    this.cluster = requireNonNull(cluster, "cluster");
    this.baseMin = requireNonNull(baseMin, "baseMin");
    this.baseMax = requireNonNull(baseMax, "baseMax");
    this.startedNanos = new long[plan.faults().size()];
    this.appliedNanos = new long[plan.faults().size()];
    this.undoneNanos = new long[plan.faults().size()];
  }

  /** Starts both lanes; time 0 of the plan is now. */
  public synchronized void start() {
    if (!lanes.isEmpty()) {
      throw new IllegalStateException("injector already started");
    }
    startNanos = System.nanoTime();
    List<Action> http = new ArrayList<>();
    List<Action> pg = new ArrayList<>();
    List<Fault> faults = plan.faults();
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      (f.kind().isHttp() ? http : pg).addAll(actions(i, f));
    }
    lanes.add(lane("faults-http", http));
    lanes.add(lane("faults-pg", pg));
    lanes.forEach(Thread::start);
  }

  private Thread lane(String name, List<Action> actions) {
    actions.sort(Comparator.comparingLong(Action::atMillis));
    Thread t = new Thread(() -> runLane(actions), name);
    t.setDaemon(true);
    return t;
  }

  private void runLane(List<Action> actions) {
    for (Action a : actions) {
      long due = startNanos + a.atMillis() * 1_000_000;
      long wait;
      while (!stopping && (wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (stopping) {
        return;
      }
      if (!a.undo() && startedNanos[a.fault()] == 0) {
        startedNanos[a.fault()] = System.nanoTime();
      }
      try {
        a.run().run();
      } catch (RuntimeException e) {
        errors.add(plan.faults().get(a.fault()) + (a.undo() ? " (undo)" : "") + ": " + e);
      }
      long now = System.nanoTime();
      if (a.undo()) {
        undoneNanos[a.fault()] = now;
      } else if (appliedNanos[a.fault()] == 0) {
        appliedNanos[a.fault()] = now;
      }
    }
  }

  private List<Action> actions(int i, Fault f) {
    List<Action> out = new ArrayList<>();
    long at = f.atMillis();
    long end = f.endMillis();
    switch (f.kind()) {
      case KILL -> {
        HttpInstance x = farm.instance(f.target());
        out.add(new Action(at, i, false, () -> failing(x, true, x::stop)));
        out.add(new Action(end, i, true, () -> failing(x, false, x::start)));
      }
      case HANG -> {
        HttpInstance x = farm.instance(f.target());
        out.add(new Action(at, i, false, () -> failing(x, true, () -> x.hang(true))));
        out.add(new Action(end, i, true, () -> failing(x, false, () -> x.hang(false))));
      }
      case RESET -> {
        HttpInstance x = farm.instance(f.target());
        out.add(new Action(at, i, false, () -> failing(x, true, () -> x.reset(true))));
        out.add(new Action(end, i, true, () -> failing(x, false, () -> x.reset(false))));
      }
      case ERROR_BURST -> {
        HttpInstance x = farm.instance(f.target());
        double fraction = f.param() / 1000.0;
        out.add(
            new Action(at, i, false, () -> failing(x, true, () -> x.respondWith(503, fraction))));
        out.add(new Action(end, i, true, () -> failing(x, false, () -> x.respondWith(200))));
      }
      case SLOW -> {
        HttpInstance x = farm.instance(f.target());
        Duration extra = Duration.ofMillis(f.param());
        out.add(
            new Action(at, i, false, () -> x.latency(baseMin.plus(extra), baseMax.plus(extra))));
        out.add(new Action(end, i, true, () -> x.latency(baseMin, baseMax)));
      }
      case HEALTH_FLAP -> {
        HttpInstance x = farm.instance(f.target());
        long step = Math.max(50, f.param());
        boolean failingCheck = true;
        for (long t = at; t < end; t += step) {
          int status = failingCheck ? 503 : 200;
          out.add(new Action(t, i, false, () -> x.healthStatus(status)));
          failingCheck = !failingCheck;
        }
        out.add(new Action(end, i, true, () -> x.healthStatus(200)));
      }
      case REPLICA_STOP -> {
        PgNode n = cluster.node(f.target());
        out.add(new Action(at, i, false, n::stop));
        out.add(new Action(end, i, true, n::start));
      }
      case REPLICA_PAUSE -> {
        PgNode n = cluster.node(f.target());
        out.add(new Action(at, i, false, n::pauseReplay));
        out.add(new Action(end, i, true, n::resumeReplay));
      }
      case REPLICA_DELAY -> {
        PgNode n = cluster.node(f.target());
        Duration delay = Duration.ofMillis(f.param());
        out.add(new Action(at, i, false, () -> n.applyDelay(delay)));
        out.add(new Action(end, i, true, () -> n.applyDelay(Duration.ZERO)));
      }
      case FAILOVER -> {
        PgNode promoted = cluster.node(f.target());
        out.add(
            new Action(
                at,
                i,
                false,
                () -> {
                  cluster.primary().stop();
                  promoted.promote();
                }));
      }
    }
    return out;
  }

  private void failing(HttpInstance x, boolean on, Runnable change) {
    if (on) {
      failing.add(x.id());
      change.run();
    } else {
      change.run();
      failing.remove(x.id());
    }
  }

  /** The {@link System#nanoTime()} of the plan's time 0 (0 before {@link #start}). */
  public long startNanos() {
    return startNanos;
  }

  /** Whether no HTTP instance is free of a failure-causing fault (kill, hang, reset, 5xx) now. */
  public boolean noHealthyInstance() {
    return failing.size() >= farm.instances().size();
  }

  /** When the application of fault {@code i} began ({@link System#nanoTime()}), or 0. */
  public long startedNanos(int i) {
    return startedNanos[i];
  }

  /** When fault {@code i} was applied ({@link System#nanoTime()}), or 0 if it was not (yet). */
  public long appliedNanos(int i) {
    return appliedNanos[i];
  }

  /** When fault {@code i} was undone, or 0 if it was not (yet) or is never undone. */
  public long undoneNanos(int i) {
    return undoneNanos[i];
  }

  /** Actions that threw, one line each. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** Waits for both lanes to finish their actions, at most {@code timeout}. */
  public boolean awaitDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : lanes) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return lanes.stream().noneMatch(Thread::isAlive);
  }

  /** Stops the lanes after their current action (faults applied so far stay). */
  @Override
  public void close() {
    stopping = true;
    lanes.forEach(LockSupport::unpark);
    for (Thread t : lanes) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
