package dev.ballast.examples.internal;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DatabaseResult;
import dev.ballast.examples.DemoOptions;
import dev.ballast.examples.internal.view.Text;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.LbEvent;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.testkit.PostgresCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one act: resets the instances, builds a fresh client (or router) from the demo's
 * properties, starts the traffic, runs the act's steps at their times, and every {@link #TICK}
 * drains the statistics into a {@link Frame} for the view and a {@link TimelinePoint} for the
 * charts. Everything the act opens is closed when it ends, and by the run's {@link Closer} if
 * Ctrl-C comes first. Used from one thread.
 */
public final class ActRunner {

  private static final Logger log = LoggerFactory.getLogger(ActRunner.class);

  /** How long past its end an act waits for a failover it started to reach the new primary. */
  private static final Duration FAILOVER_GRACE = Duration.ofSeconds(15);

  /** How often the view is redrawn and the timeline sampled. */
  static final Duration TICK = Duration.ofMillis(250);

  /** The sliding window shown as "last second". */
  static final int WINDOW_TICKS = 4;

  private static final double WINDOW_NANOS = WINDOW_TICKS * (double) TICK.toNanos();

  /** Total HTTP calls per second, over all load threads. */
  static final int HTTP_RATE = 300;

  static final int HTTP_THREADS = 6;

  /** A share below this counts as drained. */
  private static final double DRAINED = 0.05;

  /** A window with fewer calls says nothing about shares. */
  private static final int MIN_WINDOW_CALLS = 20;

  private final Stage stage;
  private final DemoOptions options;
  private final View view;
  private final Timeline timeline;
  private final Closer closer;

  /** A runner for the acts of one run. */
  public ActRunner(Stage stage, DemoOptions options, View view, Timeline timeline, Closer closer) {
    this.stage = stage;
    this.options = options;
    this.view = view;
    this.timeline = timeline;
    this.closer = closer;
  }

  /**
   * Plays {@code act}.
   *
   * @throws Exception when the act cannot be set up (a client or router that does not start)
   */
  public ActResult play(Act act) throws Exception {
    Duration duration = options.durationOf(act.number());
    resetInstances();
    Closer actCloser = closer.register("act " + act.number(), new Closer());
    try {
      return act.database()
          ? playDatabase(act, duration, actCloser)
          : playHttp(act, duration, actCloser);
    } finally {
      actCloser.close();
    }
  }

  /**
   * Sends {@code duration} of traffic through a throwaway client and forgets it: the first calls of
   * a fresh JVM are slow (class loading, JIT), and act 1 should show Ballast, not the JVM.
   */
  public void warmUp(Duration duration) {
    try (Closer warm = new Closer()) {
      BallastHttpClient client =
          warm.register("warm-up client", BallastHttpClient.fromProperties(stage.properties()));
      HttpLoad load =
          warm.register(
              "warm-up load",
              new HttpLoad(
                  client,
                  stage,
                  new HttpStats(stage.instanceIds().size()),
                  HTTP_THREADS,
                  HTTP_RATE,
                  duration.plusSeconds(5)));
      load.start();
      LockSupport.parkNanos(duration.toNanos());
    }
  }

  private void resetInstances() {
    stage.farm().clearFaults();
    stage.farm().startAllInstances();
  }

  // ---- HTTP acts ---------------------------------------------------------------------------

  private ActResult playHttp(Act act, Duration duration, Closer actCloser) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client =
        actCloser.register(
            "HTTP client", BallastHttpClient.fromProperties(stage.properties(), registry));
    LoadBalancer lb = client.loadBalancer(Stage.SERVICE);
    List<String> ids = stage.instanceIds();
    List<String> zones = stage.instanceZones();
    HttpStats stats = new HttpStats(ids.size());
    ActScene scene = new ActScene(stage, null);
    SpillFilter spill = new SpillFilter();
    actCloser.register(
        "listener",
        lb.addListener(
            e -> {
              if (spill.worthSaying(e)) {
                scene.ballast(BalancerEvents.describe(e, stage));
              }
            }));
    view.actStarted(act.number(), act.title(), act.story(scene));
    HttpLoad load =
        actCloser.register(
            "HTTP load",
            new HttpLoad(client, stage, stats, HTTP_THREADS, HTTP_RATE, duration.plusSeconds(5)));
    HttpTally total = new HttpTally(ids, zones, stage.localZone());
    Deque<HttpInterval> window = new ArrayDeque<>();
    double[] lowest = {1.0};
    stats.drain(System.nanoTime());
    ScheduledExecutorService script = startScript(act, scene, duration, actCloser);
    load.start();
    tickLoop(
        duration,
        scene,
        now -> {
          HttpInterval interval = stats.drain(now);
          total.add(interval);
          window.addLast(interval);
          if (window.size() > WINDOW_TICKS) {
            window.removeFirst();
          }
          HttpTally last = HttpTally.of(ids, zones, stage.localZone(), window);
          if (last.servedTotal() >= MIN_WINDOW_CALLS && window.size() == WINDOW_TICKS) {
            lowest[0] = Math.min(lowest[0], last.localShare());
          }
          reportDrains(scene, ids, last, window.size() == WINDOW_TICKS);
          List<EndpointStatus> statuses = lb.endpoints();
          view.frame(httpFrame(act, scene, duration, total, last, statuses));
          double[] shares = new double[ids.size()];
          for (int i = 0; i < shares.length; i++) {
            shares[i] = last.servedTotal() == 0 ? Double.NaN : last.share(i);
          }
          timeline.add(
              new TimelinePoint(
                  timeline.clock(scene.seconds()),
                  act.number(),
                  shares,
                  last.localShare(),
                  last.p99Millis(),
                  new double[0],
                  new double[0],
                  new double[0],
                  new double[0]));
        });
    double seconds = scene.seconds();
    load.close();
    stopScript(script);
    total.add(stats.drain(System.nanoTime()));
    ActResult result =
        new ActResult(
            act.number(),
            act.title(),
            Duration.ofMillis(Math.round(seconds * 1000)),
            total.calls(),
            total.failures(),
            total.retries(),
            zeroIfNaN(total.p99Millis()),
            total.localShare(),
            total.servedTotal() == 0 ? 0 : lowest[0],
            total.zoneShares(),
            total.instanceShares(),
            Optional.empty());
    view.actEnded(result, scene.events());
    timeline.endAct(act.number(), act.title(), seconds, scene.events());
    return result;
  }

  /** Says when a watched instance's share of the last second fell below {@link #DRAINED}. */
  private static void reportDrains(
      ActScene scene, List<String> ids, HttpTally last, boolean fullWindow) {
    if (!fullWindow || last.servedTotal() < MIN_WINDOW_CALLS) {
      return;
    }
    for (int i = 0; i < ids.size(); i++) {
      double share = last.share(i);
      if (scene.reportDrain(ids.get(i), share < DRAINED)) {
        scene.ballast(
            share == 0
                ? ids.get(i) + " gets no calls any more"
                : ids.get(i) + " is down to " + Text.percentRounded(share) + " of the calls");
      }
    }
  }

  private Frame httpFrame(
      Act act,
      ActScene scene,
      Duration duration,
      HttpTally total,
      HttpTally last,
      List<EndpointStatus> statuses) {
    Map<Integer, EndpointStatus> byIndex = new HashMap<>();
    for (EndpointStatus s : statuses) {
      byIndex.put(stage.instanceIndex(s.endpoint().port()), s);
    }
    List<String> ids = stage.instanceIds();
    List<String> zones = stage.instanceZones();
    List<Frame.InstanceRow> rows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      rows.add(
          new Frame.InstanceRow(
              ids.get(i),
              zones.get(i),
              zones.get(i).equals(stage.localZone()),
              state(byIndex.get(i)),
              scene.faultOf(ids.get(i)),
              last.share(i),
              last.rate(i),
              total.errors(i),
              last.p99Millis(i)));
    }
    return new Frame(
        act.number(),
        act.title(),
        scene.seconds(),
        duration.toMillis() / 1000.0,
        stage.localZone(),
        rows,
        last.zoneShares(),
        last.rate(),
        total.calls(),
        total.failures(),
        total.retries(),
        total.p99Millis(),
        List.of(),
        null,
        scene.events());
  }

  private static String state(@Nullable EndpointStatus status) {
    if (status == null) {
      return "?";
    }
    if (status.state() == EndpointStatus.State.HEALTHY && status.weightFactor() < 0.999) {
      return String.format(Locale.ROOT, "ramp %.0f%%", status.weightFactor() * 100);
    }
    return status.state().tag();
  }

  // ---- the database act --------------------------------------------------------------------

  private ActResult playDatabase(Act act, Duration duration, Closer actCloser) throws Exception {
    PostgresCluster cluster = stage.cluster();
    if (cluster == null) {
      throw new IllegalStateException("act " + act.number() + " needs the database");
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RoutingDataSource router =
        actCloser.register(
            "JDBC router", RoutingDataSource.fromProperties(stage.properties(), registry));
    DbLoad.createSchema(router);
    cluster.waitForReplication();
    List<String> nodes = stage.nodeNames();
    DbStats stats = new DbStats(nodes);
    ActScene scene = new ActScene(stage, stats);
    view.actStarted(act.number(), act.title(), act.story(scene));
    DbLoad load =
        actCloser.register(
            "database load",
            new DbLoad(
                router, stage, stats, 2, 2, 40, duration.plus(FAILOVER_GRACE).plusSeconds(5)));
    DbTally total = new DbTally(nodes);
    Deque<DbInterval> window = new ArrayDeque<>();
    Deque<double[]> routeWindow = new ArrayDeque<>();
    double[] lastRoutes = routeCounts(registry);
    String[] lastPrimary = {router.primaryHost().orElse("")};
    stats.drain(System.nanoTime());
    ScheduledExecutorService script = startScript(act, scene, duration, actCloser);
    load.start();
    tickLoop(
        duration,
        scene,
        now -> {
          DbInterval interval = stats.drain(now);
          total.add(interval);
          window.addLast(interval);
          if (window.size() > WINDOW_TICKS) {
            window.removeFirst();
          }
          DbTally last = DbTally.of(nodes, window);
          double[] routes = routeCounts(registry);
          double[] delta = new double[routes.length];
          for (int i = 0; i < routes.length; i++) {
            delta[i] = routes[i] - lastRoutes[i];
            lastRoutes[i] = routes[i];
          }
          routeWindow.addLast(delta);
          if (routeWindow.size() > WINDOW_TICKS) {
            routeWindow.removeFirst();
          }
          String primary = router.primaryHost().orElse("");
          if (!primary.equals(lastPrimary[0])) {
            scene.ballast(
                primary.isEmpty()
                    ? "no reachable primary: writes fail fast, reads go on"
                    : primary + " detected as the primary: writes follow it");
            lastPrimary[0] = primary;
          }
          if (window.size() == WINDOW_TICKS && last.readsTotal() >= MIN_WINDOW_CALLS) {
            for (int i = 0; i < nodes.size(); i++) {
              if (scene.reportDrain(nodes.get(i), last.readShare(i) < DRAINED)) {
                scene.ballast(nodes.get(i) + " left out of reads: it is behind");
              }
            }
          }
          double[] lag = lagMillis(registry, cluster, nodes, primary);
          view.frame(dbFrame(act, scene, duration, total, last, stats, primary, lag));
          double[] readShares = new double[nodes.size()];
          double[] writeShares = new double[nodes.size()];
          for (int i = 0; i < nodes.size(); i++) {
            // NaN leaves a gap in the chart where there was nothing to share
            readShares[i] = last.readsTotal() == 0 ? Double.NaN : last.readShare(i);
            writeShares[i] = last.writesTotal() == 0 ? Double.NaN : last.writeShare(i);
          }
          timeline.add(
              new TimelinePoint(
                  timeline.clock(scene.seconds()),
                  act.number(),
                  new double[0],
                  Double.NaN,
                  last.p99Millis(),
                  readShares,
                  writeShares,
                  lag,
                  shares(routeWindow)));
        });
    awaitFailover(stats);
    double seconds = scene.seconds();
    load.close();
    stopScript(script);
    total.add(stats.drain(System.nanoTime()));
    String newPrimary = stats.newPrimary();
    long failover = stats.failoverNanos();
    DatabaseResult db =
        new DatabaseResult(
            total.readsByNode(),
            total.writesByNode(),
            total.checks(),
            total.stale(),
            total.readFailures(),
            total.writeFailures(),
            Optional.ofNullable(newPrimary),
            stats.writesOnNewPrimary(),
            failover < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(failover)));
    Map<String, Double> zoneReads = new LinkedHashMap<>();
    double localReads = 0;
    for (int i = 0; i < nodes.size(); i++) {
      String zone = cluster.node(nodes.get(i)).zone();
      zoneReads.merge(zone, total.readShare(i), Double::sum);
      if (zone.equals(stage.localZone())) {
        localReads += total.readShare(i);
      }
    }
    ActResult result =
        new ActResult(
            act.number(),
            act.title(),
            Duration.ofMillis(Math.round(seconds * 1000)),
            total.readsTotal() + total.writesTotal() + total.readFailures() + total.writeFailures(),
            total.readFailures() + total.writeFailures(),
            0,
            zeroIfNaN(total.p99Millis()),
            localReads,
            localReads,
            zoneReads,
            Map.of(),
            Optional.of(db));
    view.actEnded(result, scene.events());
    timeline.endAct(act.number(), act.title(), seconds, scene.events());
    return result;
  }

  private Frame dbFrame(
      Act act,
      ActScene scene,
      Duration duration,
      DbTally total,
      DbTally last,
      DbStats stats,
      String primary,
      double[] lag) {
    PostgresCluster cluster = stage.cluster();
    List<String> nodes = stage.nodeNames();
    List<Frame.NodeRow> rows = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String name = nodes.get(i);
      String zone = cluster == null ? "" : cluster.node(name).zone();
      boolean running = cluster != null && cluster.node(name).isRunning();
      String role = !running ? "down" : name.equals(primary) ? "primary" : "replica";
      rows.add(
          new Frame.NodeRow(
              name,
              zone,
              role,
              scene.faultOf(name),
              last.readShare(i),
              last.writeShare(i),
              role.equals("replica") ? lag[i] / 1000.0 : Double.NaN));
    }
    long failover = stats.failoverNanos();
    Frame.DbLine db =
        new Frame.DbLine(
            total.readsTotal(),
            total.writesTotal(),
            total.checks(),
            total.stale(),
            total.readFailures(),
            total.writeFailures(),
            stats.newPrimary(),
            stats.writesOnNewPrimary(),
            failover < 0 ? Double.NaN : failover / 1e9);
    long ops = total.readsTotal() + total.writesTotal();
    return new Frame(
        act.number(),
        act.title(),
        scene.seconds(),
        duration.toMillis() / 1000.0,
        stage.localZone(),
        List.of(),
        Map.of(),
        (last.readsTotal() + last.writesTotal()) * 1e9 / WINDOW_NANOS,
        ops + total.readFailures() + total.writeFailures(),
        total.readFailures() + total.writeFailures(),
        0,
        total.p99Millis(),
        rows,
        db,
        scene.events());
  }

  private static double[] routeCounts(SimpleMeterRegistry registry) {
    double[] counts = new double[Timeline.ROUTE_REASONS.size()];
    for (Counter c : registry.find("ballast.jdbc.routes").counters()) {
      int i = Timeline.ROUTE_REASONS.indexOf(c.getId().getTag("reason"));
      if (i >= 0) {
        counts[i] += c.count();
      }
    }
    return counts;
  }

  private static double[] shares(Deque<double[]> window) {
    double[] sum = new double[Timeline.ROUTE_REASONS.size()];
    double total = 0;
    for (double[] d : window) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += d[i];
        total += d[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] = total == 0 ? 0 : sum[i] / total;
    }
    return sum;
  }

  /** The router's lag gauge per node in ms; NaN for nodes that are not running replicas. */
  private static double[] lagMillis(
      SimpleMeterRegistry registry, PostgresCluster cluster, List<String> nodes, String primary) {
    double[] lag = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      String name = nodes.get(i);
      Gauge g = registry.find("ballast.jdbc.replica.lag").tag("replica", name).gauge();
      boolean replica =
          !primary.isEmpty() && !name.equals(primary) && cluster.node(name).isRunning();
      lag[i] = g == null || !replica ? Double.NaN : g.value() * 1000;
    }
    return lag;
  }

  // ---- shared --------------------------------------------------------------------------------

  /** Called at every tick with {@link System#nanoTime()}. */
  @FunctionalInterface
  private interface Tick {
    void at(long nanoTime);
  }

  private static void tickLoop(Duration duration, ActScene scene, Tick tick) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long step = TICK.toNanos();
    long maxTicks = duration.toNanos() / step + 2;
    for (long n = 1; n <= maxTicks; n++) {
      long next = Math.min(start + n * step, end);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = System.nanoTime();
      tick.at(now);
      if (now - end >= 0) {
        return;
      }
    }
  }

  /**
   * Lets a failover that the act started reach the new primary, at most {@link #FAILOVER_GRACE}
   * past the act's end: on a loaded machine stopping the primary, {@code pg_promote()} and the
   * router's next health round can outlast a short act, and closing the load then would leave no
   * write on the new primary to show.
   */
  private static void awaitFailover(DbStats stats) {
    long deadline = System.nanoTime() + FAILOVER_GRACE.toNanos();
    while (stats.failoverInProgress() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static ScheduledExecutorService startScript(
      Act act, ActScene scene, Duration duration, Closer actCloser) {
    ScheduledThreadPoolExecutor script =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ballast-demo-script");
              t.setDaemon(true);
              return t;
            });
    script.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    actCloser.register("script", () -> stopScript(script));
    for (Act.Step step : act.script(scene)) {
      long delay = Math.round(step.at() * duration.toNanos());
      script.schedule(
          () -> {
            try {
              step.run(scene);
            } catch (Exception | Error e) {
              log.warn("act {}: a step failed", act.number(), e);
              scene.note("step failed: " + e);
            }
          },
          delay,
          TimeUnit.NANOSECONDS);
    }
    return script;
  }

  private static void stopScript(ScheduledExecutorService script) {
    script.shutdown();
    try {
      // A step in progress (a promotion) is waited for: the next act must not race it.
      if (!script.awaitTermination(20, TimeUnit.SECONDS)) {
        script.shutdownNow();
      }
    } catch (InterruptedException e) {
      script.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  /** Keeps zone spill events to the ones worth a line: big moves, and reaching 0% or 100%. */
  private static final class SpillFilter {
    private double reported = 100;

    synchronized boolean worthSaying(LbEvent event) {
      if (!(event instanceof LbEvent.ZoneSpillChanged)) {
        return true;
      }
      double after = ((LbEvent.ZoneSpillChanged) event).localPercentAfter();
      boolean extreme = (after <= 0.5 || after >= 99.5) && Math.abs(after - reported) >= 0.5;
      if (extreme || Math.abs(after - reported) >= 15) {
        reported = after;
        return true;
      }
      return false;
    }
  }
}
