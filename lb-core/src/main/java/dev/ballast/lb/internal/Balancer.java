package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.HealthProbe;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbEvent;
import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Scheduler;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The load balancer's machinery: members, health, ejection, slow start and picker rebuilds, all on
 * one {@link ControlPlane}; the current {@link Picker} is published with one volatile write.
 */
public final class Balancer implements EndpointState.Feedback {
  private final String service;
  private final LbConfig config;
  private final StrategyFactory strategy;
  private final Ticker ticker;

  /** Whether completions read {@link CoarseClock} instead of the (system) ticker. */
  private final boolean coarseClock;

  private final RandomSource random;
  private final Scheduler scheduler;
  private final @Nullable HealthProbe probe;
  private final ControlPlane control;
  private final CopyOnWriteArrayList<LbEvent.Listener> listeners = new CopyOnWriteArrayList<>();
  private final LongAdder localPicks = new LongAdder();
  private final LongAdder remotePicks = new LongAdder();
  private final LongAdder ejections = new LongAdder();
  private final int failureThreshold;
  private final SlowStart slowStart;
  private final EjectionPolicy ejection;

  // Control-plane state.
  private final Map<String, Member> members = new LinkedHashMap<>();
  private long appliedVersion = -1;
  private boolean initialSetApplied;
  private boolean panic;
  private double lastLocalShare = -1;
  private boolean countPicks;
  private boolean closed;
  private Scheduler.@Nullable Cancellable rampTask;

  private volatile Picker picker;
  private volatile List<Member> memberList = List.of();

  /** Creates a balancer with no endpoints; feed it with {@link #onEndpoints}. */
  public Balancer(
      String service,
      LbConfig config,
      StrategyFactory strategy,
      Ticker ticker,
      RandomSource random,
      Scheduler scheduler,
      @Nullable HealthProbe probe,
      @Nullable Executor controlExecutor) {
    this.service = service;
    this.control = new ControlPlane(controlExecutor);
    this.config = config;
    this.strategy = strategy;
    this.ticker = ticker;
    this.coarseClock = ticker == Ticker.system();
    this.random = random;
    this.scheduler = scheduler;
    this.probe = probe;
    this.failureThreshold = config.outlierConsecutiveFailures();
    this.slowStart = SlowStart.of(config);
    this.ejection = EjectionPolicy.of(config);
    this.picker = emptyPicker();
    if (coarseClock) {
      CoarseClock.retain();
    }
  }

  private Picker emptyPicker() {
    return new Picker(
        new Picker.Group[0],
        new double[0],
        random,
        new NoEndpoint("service '" + service + "' has no endpoints"),
        new NoEndpoint("no endpoints"),
        false,
        0,
        null,
        null);
  }

  /** Picks an endpoint; lock-free and allocation-free. */
  public Pick pick(PickContext context) {
    return picker.pick(context);
  }

  /** The service name. */
  public String service() {
    return service;
  }

  /** The configuration. */
  public LbConfig config() {
    return config;
  }

  // ---- Feedback (any thread) ------------------------------------------------------------

  @Override
  public void onConsecutiveFailures(EndpointState state, int count) {
    control.execute(() -> maybeEject(state));
  }

  @Override
  public int failureThreshold() {
    return failureThreshold;
  }

  @Override
  public long sampleNanoTime() {
    // On the system clock, a reading up to a tick old is exact enough for the EWMA decay and saves
    // a clock read per completion; an injected (test) ticker is read exactly.
    return coarseClock ? CoarseClock.now() : ticker.nanoTime();
  }

  // ---- Inputs --------------------------------------------------------------------------

  /** Applies a complete endpoint set; stale versions are ignored. Any thread. */
  public void onEndpoints(EndpointSet set) {
    control.execute(() -> applyEndpoints(set));
  }

  /** Registers a listener; it first receives the current state as events. Any thread. */
  public AutoCloseable addListener(LbEvent.Listener listener) {
    control.execute(
        () -> {
          for (Member m : members.values()) {
            if (!m.healthy) {
              listener.onEvent(new LbEvent.HealthChanged(service, m.endpoint(), false));
            }
            if (m.ejected) {
              listener.onEvent(
                  new LbEvent.EndpointEjected(
                      service, m.endpoint(), m.timesEjected, ejection.duration(m.timesEjected)));
            }
          }
          if (panic) {
            listener.onEvent(new LbEvent.PanicEntered(service, usableCount(), members.size()));
          }
          listeners.add(listener);
        });
    return () -> listeners.remove(listener);
  }

  /** Starts counting picks by zone locality (for metrics). */
  public void enablePickCounting() {
    control.execute(
        () -> {
          countPicks = true;
          rebuild();
        });
  }

  /** Picks that went to the local zone. */
  public long localPicks() {
    return localPicks.sum();
  }

  /** Picks that went to another zone. */
  public long remotePicks() {
    return remotePicks.sum();
  }

  /** Ejections so far. */
  public long ejections() {
    return ejections.sum();
  }

  /** Whether panic mode is on (balancing over all endpoints, ignoring health). */
  public boolean inPanic() {
    return picker.panic;
  }

  /** Current share of traffic kept in the local zone, 0..1 (1 when zone-agnostic). */
  public double localShare() {
    return picker.localShare;
  }

  /** Completes once every change submitted before this call has been applied. Any thread. */
  public CompletableFuture<Void> flush() {
    return control.flush();
  }

  /** Runs {@code task} on the control plane (tests and transports use it to serialize). */
  public void execute(Runnable task) {
    control.execute(task);
  }

  /** Stops timers and health checks. Any thread; idempotent. */
  public void close() {
    control.execute(
        () -> {
          if (closed) {
            return;
          }
          closed = true;
          if (coarseClock) {
            CoarseClock.release();
          }
          for (Member m : members.values()) {
            m.cancelTasks();
          }
          cancel(rampTask);
          rampTask = null;
        });
  }

  private static void cancel(Scheduler.@Nullable Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }

  // ---- Snapshot (any thread, consistent on the control plane) --------------------------

  /** Per-endpoint view from the published snapshots; see {@link Diagnostics#status}. */
  public List<EndpointStatus> status() {
    return Diagnostics.status(memberList, picker, slowStart, ticker.nanoTime());
  }

  /** A one-line-per-endpoint summary for failure messages: zone, state, whether excluded. */
  public String describe(PickContext context) {
    Picker p = picker;
    return Diagnostics.describe(service, config.localZone(), p.panic, status(), context);
  }

  // ---- Control plane ---------------------------------------------------------------------

  private void applyEndpoints(EndpointSet set) {
    control.assertInContext();
    if (closed || set.version() <= appliedVersion) {
      return;
    }
    appliedVersion = set.version();
    long now = ticker.nanoTime();
    Map<String, Member> next = new LinkedHashMap<>();
    boolean changed = false;
    for (Endpoint e : set.endpoints()) {
      Member m = members.remove(e.id());
      boolean local = isLocal(e);
      if (m == null) {
        m =
            new Member(
                new EndpointState(
                    e,
                    local,
                    this,
                    config.peakEwmaDecay().toNanos(),
                    config.failurePenalty().toNanos()));
        if (initialSetApplied) {
          startRamp(m, now);
        }
        changed = true;
        next.put(e.id(), m);
        scheduleProbe(m, initialProbeDelay());
      } else {
        if (!sameAttributes(m.endpoint(), e)) {
          m.stats.update(e, local);
          changed = true;
        }
        next.put(e.id(), m);
      }
    }
    for (Member removed : members.values()) {
      removed.cancelTasks();
      changed = true;
    }
    members.clear();
    members.putAll(next);
    initialSetApplied = true;
    if (changed) {
      rebuild();
    }
    // Published after the picker: whoever sees the new member list also sees the new picker.
    memberList = List.copyOf(members.values());
  }

  private static boolean sameAttributes(Endpoint a, Endpoint b) {
    return a.host().equals(b.host())
        && a.port() == b.port()
        && a.zone().equals(b.zone())
        && a.weight() == b.weight()
        && a.metadata().equals(b.metadata());
  }

  private boolean isLocal(Endpoint e) {
    return !config.localZone().isEmpty() && config.localZone().equals(e.zone());
  }

  private void maybeEject(EndpointState state) {
    control.assertInContext();
    Member m = members.get(state.endpoint().id());
    if (closed || m == null || m.stats != state || m.ejected) {
      return;
    }
    if (state.consecutiveFailures() < failureThreshold) {
      return; // a success arrived in between
    }
    int ejected = 0;
    for (Member o : members.values()) {
      if (o.ejected) {
        ejected++;
      }
    }
    if (!ejection.mayEjectAnother(ejected, members.size())) {
      return;
    }
    long now = ticker.nanoTime();
    m.ejected = true;
    m.timesEjected = ejection.decayed(m.timesEjected, m.unejectedAtNanos, now) + 1;
    Duration time = ejection.duration(m.timesEjected);
    m.ejectedUntilNanos = now + time.toNanos();
    ejections.increment();
    m.ejectionTask = scheduler.schedule(() -> control.execute(() -> unEject(m)), time.toNanos());
    emit(new LbEvent.EndpointEjected(service, m.endpoint(), m.timesEjected, time));
    rebuild();
  }

  private void unEject(Member m) {
    control.assertInContext();
    if (closed || members.get(m.endpoint().id()) != m || !m.ejected) {
      return;
    }
    m.ejected = false;
    m.ejectionTask = null;
    m.unejectedAtNanos = ticker.nanoTime();
    m.stats.resetFailures();
    startRamp(m, ticker.nanoTime());
    emit(new LbEvent.EndpointRestored(service, m.endpoint()));
    rebuild();
  }

  // ---- Active health checks -------------------------------------------------------------

  private long initialProbeDelay() {
    // Spread the first round so a large set does not probe in one burst.
    long interval = config.healthCheckInterval().toNanos();
    return (long) (interval * config.healthCheckJitter() * random.nextDouble());
  }

  private long nextProbeDelay() {
    long interval = config.healthCheckInterval().toNanos();
    return interval + (long) (interval * config.healthCheckJitter() * random.nextDouble());
  }

  private void scheduleProbe(Member m, long delayNanos) {
    HealthProbe p = probe;
    if (p == null || closed) {
      return;
    }
    long generation = ++m.probeGeneration;
    m.probeTask =
        scheduler.schedule(() -> control.execute(() -> runProbe(m, p, generation)), delayNanos);
  }

  private void runProbe(Member m, HealthProbe p, long generation) {
    if (closed || m.probeGeneration != generation || members.get(m.endpoint().id()) != m) {
      return;
    }
    long probeGeneration = ++m.probeGeneration;
    Scheduler.Cancellable timeout =
        scheduler.schedule(
            () -> control.execute(() -> onProbeResult(m, probeGeneration, false)),
            config.healthCheckTimeout().toNanos());
    CompletionStage<Boolean> result;
    try {
      result = p.probe(m.endpoint());
    } catch (RuntimeException e) {
      timeout.cancel();
      onProbeResult(m, probeGeneration, false);
      return;
    }
    result.whenComplete(
        (ok, error) -> {
          timeout.cancel();
          boolean passed = error == null && Boolean.TRUE.equals(ok);
          control.execute(() -> onProbeResult(m, probeGeneration, passed));
        });
  }

  private void onProbeResult(Member m, long generation, boolean passed) {
    control.assertInContext();
    if (closed || m.probeGeneration != generation || members.get(m.endpoint().id()) != m) {
      return; // a timeout and a late answer: only the first counts
    }
    if (passed) {
      m.probeFailures = 0;
      m.probePasses++;
      if (!m.healthy && m.probePasses >= config.healthyThreshold()) {
        m.healthy = true;
        startRamp(m, ticker.nanoTime());
        emit(new LbEvent.HealthChanged(service, m.endpoint(), true));
        rebuild();
      }
    } else {
      m.probePasses = 0;
      m.probeFailures++;
      if (m.healthy && m.probeFailures >= config.unhealthyThreshold()) {
        m.healthy = false;
        emit(new LbEvent.HealthChanged(service, m.endpoint(), false));
        rebuild();
      }
    }
    scheduleProbe(m, nextProbeDelay());
  }

  // ---- Slow start -----------------------------------------------------------------------

  private void startRamp(Member m, long now) {
    if (!slowStart.enabled()) {
      return;
    }
    m.rampStartNanos = now;
    scheduleRampStep();
  }

  private double rampFactor(Member m, long now) {
    return slowStart.factor(m.rampStartNanos, now);
  }

  private void scheduleRampStep() {
    if (rampTask != null || closed) {
      return;
    }
    long step = slowStart.stepNanos();
    rampTask =
        scheduler.schedule(
            () ->
                control.execute(
                    () -> {
                      rampTask = null;
                      rebuild();
                    }),
            step);
  }

  // ---- Picker rebuild -------------------------------------------------------------------

  private int usableCount() {
    int n = 0;
    for (Member m : members.values()) {
      if (m.usable()) {
        n++;
      }
    }
    return n;
  }

  /** Recomputes the picker from members; publishes it with one volatile write. */
  void rebuild() {
    control.assertInContext();
    if (closed) {
      return;
    }
    long now = ticker.nanoTime();
    int total = members.size();
    int usable = usableCount();
    boolean nowPanic =
        total > 0 && (usable == 0 || usable * 100 < config.panicThresholdPercent() * total);
    if (nowPanic != panic) {
      panic = nowPanic;
      emit(
          nowPanic
              ? new LbEvent.PanicEntered(service, usable, total)
              : new LbEvent.PanicLeft(service, usable, total));
    }
    boolean ramping = false;
    // Zone -> candidates, in first-seen order with the local zone first.
    Map<String, ZoneGroup> byZone = new LinkedHashMap<>();
    String localZone = config.localZone();
    boolean zoneConfigured = config.zoneAware() && !localZone.isEmpty();
    // In panic every endpoint counts as usable, so every zone looks fully healthy and the zone rule
    // would keep 100 % in the local zone, which may be the one failing (issue 12: 300 of 300 calls
    // to a zone of four failing instances while two healthy ones elsewhere idled). Envoy turns
    // zone-aware routing off in panic; so do we: panic balances over the whole fleet, which is
    // its point (health checks may be wrong, so spread the risk over every endpoint).
    boolean zoned = zoneConfigured && !nowPanic;
    if (zoned) {
      byZone.put(localZone, new ZoneGroup(localZone));
    }
    for (Member m : members.values()) {
      String zone = zoned ? m.endpoint().zone() : "";
      ZoneGroup group = byZone.computeIfAbsent(zone, ZoneGroup::new);
      group.total++;
      if (nowPanic || m.usable()) {
        group.usable.add(m);
      }
      if (rampFactor(m, now) < 1.0) {
        ramping = true;
      }
    }
    ZoneGroup local = zoned ? byZone.get(localZone) : null;
    if (local != null && local.total == 0) {
      // The local zone has no endpoints at all: route zone-agnostically.
      byZone.remove(localZone);
      zoned = false;
    }
    List<ZoneGroup> zoneGroups = new ArrayList<>();
    // Zones with nothing usable stay in: their endpoints count in the remote zones' total health.
    zoneGroups.addAll(byZone.values());
    int n = zoneGroups.size();
    // Usable endpoints per zone. Slow start changes the split inside a zone, not the zone's share:
    // two new instances scaling out a healthy zone must not push its traffic to other zones. Only
    // a zone with no warm usable endpoint (it is coming back as a whole) counts its endpoints by
    // their ramp factors, so its share returns over the window instead of at once onto cold
    // instances with nothing warm to carry it.
    double[] usableArr = new double[n];
    int[] totalArr = new int[n];
    double[] capacity = new double[n];
    double[][] weights = new double[n][];
    EndpointState[][] states = new EndpointState[n][];
    for (int i = 0; i < n; i++) {
      ZoneGroup group = zoneGroups.get(i);
      List<Member> list = group.usable;
      totalArr[i] = group.total;
      weights[i] = new double[list.size()];
      states[i] = new EndpointState[list.size()];
      boolean anyWarm = false;
      for (Member m : list) {
        anyWarm |= rampFactor(m, now) >= 1.0;
      }
      for (int j = 0; j < list.size(); j++) {
        Member m = list.get(j);
        states[i][j] = m.stats;
        double ramp = rampFactor(m, now);
        usableArr[i] += anyWarm ? 1.0 : ramp;
        weights[i][j] = m.endpoint().weight() * ramp;
        capacity[i] += weights[i][j];
      }
    }
    double[] shares;
    double localShare;
    if (n == 0) {
      shares = new double[0];
      localShare = 0;
    } else if (!zoned || n == 1) {
      shares = new double[n];
      for (int i = 0; i < n; i++) {
        shares[i] = capacity[i];
      }
      normalize(shares);
      localShare = zoneConfigured && nowPanic ? localFraction(now) : 1.0;
    } else if (!config.callerShares().isEmpty()) {
      shares =
          ZoneShares.callerShares(
              0,
              zoneGroups.stream().map(g -> g.zone).toArray(String[]::new),
              usableArr,
              config.callerShares());
      localShare = shares[0];
    } else {
      shares =
          ZoneShares.priority(0, usableArr, totalArr, capacity, config.overprovisioningFactor());
      localShare = shares[0];
    }
    // Groups with no endpoints (an unhealthy local zone) get no picker.
    List<Picker.Group> groups = new ArrayList<>();
    List<Double> groupShares = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (states[i].length > 0) {
        groups.add(
            new Picker.Group(
                zoneGroups.get(i).zone, states[i], strategy.create(states[i], weights[i], random)));
        groupShares.add(shares[i]);
      }
    }
    double[] gs = new double[groups.size()];
    for (int i = 0; i < gs.length; i++) {
      gs[i] = groupShares.get(i);
    }
    normalize(gs);
    if (lastLocalShare >= 0 && Math.abs(lastLocalShare - localShare) > 1e-9 && zoneConfigured) {
      emit(new LbEvent.ZoneSpillChanged(service, lastLocalShare * 100, localShare * 100));
    }
    lastLocalShare = localShare;
    picker =
        new Picker(
            groups.toArray(new Picker.Group[0]),
            gs,
            random,
            new NoEndpoint("service '" + service + "' has no endpoints"),
            new NoEndpoint(
                "every endpoint of service '"
                    + service
                    + "' was already tried ("
                    + total
                    + " in all)"),
            nowPanic,
            localShare,
            countPicks ? localPicks : null,
            countPicks ? remotePicks : null);
    if (ramping) {
      scheduleRampStep();
    }
  }

  /** The local zone's share of the balanced weight while zones are not routed on (panic). */
  private double localFraction(long now) {
    double local = 0;
    double sum = 0;
    for (Member m : members.values()) {
      double w = m.endpoint().weight() * rampFactor(m, now);
      sum += w;
      if (m.stats.isLocal()) {
        local += w;
      }
    }
    return sum <= 0 ? 0 : local / sum;
  }

  private static void normalize(double[] shares) {
    double sum = 0;
    for (double s : shares) {
      sum += s;
    }
    if (sum <= 0) {
      for (int i = 0; i < shares.length; i++) {
        shares[i] = 1.0 / shares.length;
      }
      return;
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] /= sum;
    }
  }

  private void emit(LbEvent event) {
    for (LbEvent.Listener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Balancer.class).warn("Ballast event listener failed", e);
      }
    }
  }

  /** The members of one zone while a picker is built: the usable ones, and how many in all. */
  private static final class ZoneGroup {
    final String zone;
    final List<Member> usable = new ArrayList<>();
    int total;

    ZoneGroup(String zone) {
      this.zone = zone;
    }
  }
}
