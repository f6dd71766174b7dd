package dev.ballast.lb.internal;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The load balancer's machinery, wired here and nowhere else. Read this class first; each concern
 * has its own class and tests:
 *
 * <ul>
 *   <li>{@link Membership} — which endpoints there are; statistics kept across sets by id;
 *   <li>{@link ActiveHealthCheck} — probes, thresholds, healthy or not;
 *   <li>{@link OutlierEjection} — consecutive failures take an endpoint out for a while;
 *   <li>{@link RampTimer} and {@link SlowStart} — a joining or returning endpoint ramps up;
 *   <li>{@link PickerFactory} — panic, zones ({@link ZoneShares}) and the strategy's pickers, built
 *       into one immutable {@link Picker};
 *   <li>{@link BalancerEvents} — listeners, and the panic and spill transitions;
 *   <li>{@link Diagnostics} — status and failure summaries.
 * </ul>
 *
 * <p>Every change runs on one {@link ControlPlane} and ends in {@link #rebuild()}, which publishes
 * a new picker with one volatile write; {@link #pick} only reads it.
 */
public final class Balancer implements EndpointState.Feedback {
  private final String service;
  private final LbConfig config;
  private final Ticker ticker;

  /** Whether completions read {@link CoarseClock} instead of the (system) ticker. */
  private final boolean coarseClock;

  private final ControlPlane control;
  private final SlowStart slowStart;
  private final Membership membership;
  private final ActiveHealthCheck health;
  private final OutlierEjection ejection;
  private final RampTimer ramp;
  private final PickerFactory pickers;
  private final BalancerEvents events;
  private final LongAdder localPicks = new LongAdder();
  private final LongAdder remotePicks = new LongAdder();

  // Control-plane state.
  private boolean countPicks;
  private boolean closed;

  private volatile Picker picker;

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
    this.config = config;
    this.ticker = ticker;
    this.coarseClock = ticker == Ticker.system();
    this.control = new ControlPlane(controlExecutor);
    this.slowStart = SlowStart.of(config);
    this.events = new BalancerEvents(service, config.zoneAware() && !config.localZone().isEmpty());
    this.ramp = new RampTimer(slowStart, scheduler, control, this::rebuild);
    this.membership =
        new Membership(
            config,
            this,
            new Membership.Listener() {
              @Override
              public void onAdded(Member m, boolean initial, long now) {
                if (!initial) {
                  ramp.start(m, now);
                }
                health.start(m);
              }

              @Override
              public void onRemoved(Member m) {
                m.cancelTasks();
              }
            });
    this.health =
        new ActiveHealthCheck(
            config, probe, scheduler, control, random, membership, this::onHealthChanged);
    this.ejection =
        new OutlierEjection(
            config,
            ticker,
            scheduler,
            control,
            membership,
            new OutlierEjection.Listener() {
              @Override
              public void onEjected(Member m, Duration time) {
                events.emit(
                    new LbEvent.EndpointEjected(service, m.endpoint(), m.timesEjected, time));
                rebuild();
              }

              @Override
              public void onRestored(Member m) {
                ramp.start(m, ticker.nanoTime());
                events.emit(new LbEvent.EndpointRestored(service, m.endpoint()));
                rebuild();
              }
            });
    this.pickers = new PickerFactory(service, config, strategy, random, slowStart);
    this.picker = pickers.empty();
    if (coarseClock) {
      CoarseClock.retain();
    }
  }

  private void onHealthChanged(Member m, boolean healthy) {
    if (healthy) {
      ramp.start(m, ticker.nanoTime());
    }
    events.emit(new LbEvent.HealthChanged(service, m.endpoint(), healthy));
    rebuild();
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
    ejection.onConsecutiveFailures(state);
  }

  @Override
  public int failureThreshold() {
    return ejection.failureThreshold();
  }

  @Override
  public long sampleNanoTime() {
    // On the system clock, a reading up to a tick old is exact enough for the EWMA decay and saves
    // a clock read per completion; an injected (test) ticker is read exactly.
    return coarseClock ? CoarseClock.now() : ticker.nanoTime();
  }

  // ---- Inputs (any thread) --------------------------------------------------------------

  /** Applies a complete endpoint set; stale versions are ignored. */
  public void onEndpoints(EndpointSet set) {
    control.execute(
        () -> {
          control.assertInContext();
          if (closed || !membership.isNewer(set)) {
            return;
          }
          if (membership.apply(set, ticker.nanoTime())) {
            rebuild();
          }
          // Published after the picker: whoever sees the new member list also sees the new picker.
          membership.publish();
        });
  }

  /** Registers a listener; it first receives the current state as events. */
  public AutoCloseable addListener(LbEvent.Listener listener) {
    control.execute(() -> events.add(listener, membership, ejection));
    return () -> events.remove(listener);
  }

  /** Starts counting picks by zone locality (for metrics). */
  public void enablePickCounting() {
    control.execute(
        () -> {
          countPicks = true;
          rebuild();
        });
  }

  /** Completes once every change submitted before this call has been applied. */
  public CompletableFuture<Void> flush() {
    return control.flush();
  }

  /** Runs {@code task} on the control plane (tests and transports use it to serialize). */
  public void execute(Runnable task) {
    control.execute(task);
  }

  /** Stops timers and health checks; idempotent. */
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
          health.close();
          ejection.close();
          for (Member m : membership.values()) {
            m.cancelTasks();
          }
          ramp.close();
        });
  }

  // ---- Reading (any thread) -------------------------------------------------------------

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
    return ejection.ejections();
  }

  /** Whether panic mode is on (balancing over all endpoints, ignoring health). */
  public boolean inPanic() {
    return picker.panic;
  }

  /** Current share of traffic kept in the local zone, 0..1 (1 when zone-agnostic). */
  public double localShare() {
    return picker.localShare;
  }

  /** Per-endpoint view from the published snapshots; see {@link Diagnostics#status}. */
  public List<EndpointStatus> status() {
    return Diagnostics.status(membership.published(), picker, slowStart, ticker.nanoTime());
  }

  /** A one-line-per-endpoint summary for failure messages: zone, state, whether excluded. */
  public String describe(PickContext context) {
    Picker p = picker;
    return Diagnostics.describe(service, config.localZone(), p.panic, status(), context);
  }

  // ---- Control plane ---------------------------------------------------------------------

  /** Recomputes the picker from the members; publishes it with one volatile write. */
  void rebuild() {
    control.assertInContext();
    if (closed) {
      return;
    }
    PickerFactory.Built built =
        pickers.build(
            membership.values(),
            ticker.nanoTime(),
            countPicks ? localPicks : null,
            countPicks ? remotePicks : null);
    events.onPicker(built.picker().panic, built.usable(), built.total(), built.picker().localShare);
    picker = built.picker();
    if (built.ramping()) {
      ramp.scheduleStep();
    }
  }
}
