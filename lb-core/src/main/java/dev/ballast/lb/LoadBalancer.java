package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.Balancer;
import dev.ballast.lb.internal.BalancerLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Chooses an endpoint of one service for each call: zone-aware, health-checked, with passive
 * ejection, panic mode and slow start, balanced by the configured {@link Strategy}.
 *
 * <p><b>Threading.</b> {@link #pick} is safe from any thread, takes no lock and allocates nothing:
 * it reads an immutable picker published with one volatile write. Every change (endpoint sets,
 * health verdicts, ejections, slow-start steps) is applied on one serialized control plane that
 * rebuilds that picker; per-endpoint statistics survive rebuilds. Given a {@linkplain
 * Builder#controlExecutor control executor}, that plane runs there, never on the submitting thread
 * (a transport's I/O loop must not rebuild pickers or call listeners); {@link #flush()} waits for
 * it.
 *
 * <p><b>Feedback.</b> The caller completes each present {@link Pick} with the call's {@link
 * Outcome} and latency; that drives least-request, peak-EWMA and passive ejection.
 */
public final class LoadBalancer implements AutoCloseable {
  private final BalancerLifecycle lifecycle;
  private final Balancer balancer;
  private final EndpointSource source;

  private LoadBalancer(Builder b, EndpointSource source) {
    this.source = source;
    this.lifecycle =
        new BalancerLifecycle(
            b.service,
            b.config,
            source,
            b.probe,
            b.ticker,
            b.random,
            b.scheduler,
            b.controlExecutor,
            b.listeners);
    this.balancer = lifecycle.balancer();
  }

  /**
   * {@return a builder for the load balancer of {@code service} (the name appears in messages)}
   *
   * @param service the service name
   */
  public static Builder builder(String service) {
    return new Builder(service);
  }

  /**
   * Picks an endpoint with no exclusions and no affinity. Never null.
   *
   * @return the pick; never null (no endpoint is a pick with a reason)
   */
  public Pick pick() {
    return balancer.pick(PickContext.DEFAULT);
  }

  /**
   * Picks an endpoint honouring {@code context}'s exclusions and affinity. Never null.
   *
   * @param context what this call excludes or prefers
   * @return the pick; never null (no endpoint is a pick with a reason)
   */
  public Pick pick(PickContext context) {
    return balancer.pick(context);
  }

  /** {@return the service name} */
  public String service() {
    return balancer.service();
  }

  /** {@return the configuration} */
  public LbConfig config() {
    return balancer.config();
  }

  /**
   * {@return every endpoint with its state, in-flight count, latency estimate and traffic share}
   */
  public List<EndpointStatus> endpoints() {
    return balancer.status();
  }

  /**
   * {@return a summary of the service's endpoints for failure messages: local zone, panic, and per
   * endpoint its zone, state and whether {@code context} excluded it}
   *
   * @param context what this call excludes or prefers
   */
  public String describe(PickContext context) {
    String source = this.source.description();
    return source.isEmpty()
        ? balancer.describe(context)
        : balancer.describe(context) + "; source: " + source;
  }

  /**
   * Registers a listener; it first receives the current state as events.
   *
   * @param listener the listener
   * @return a handle whose {@code close()} removes the listener
   */
  public AutoCloseable addListener(LbEvent.Listener listener) {
    return balancer.addListener(requireNonNull(listener, "listener"));
  }

  /**
   * Completes once every change submitted before this call (endpoint sets, health results, listener
   * registrations) has been applied. With a {@linkplain Builder#controlExecutor control executor}
   * changes apply asynchronously; this is how a caller waits for one, without sleeping. Without
   * one, changes from other threads are applied before their submission returns unless another
   * thread is applying changes at that moment.
   *
   * @return a future completed when those changes are applied
   */
  public CompletableFuture<Void> flush() {
    return balancer.flush();
  }

  /** {@return whether panic mode is on: too few endpoints usable, balancing over all of them} */
  public boolean inPanic() {
    return balancer.inPanic();
  }

  /** {@return the share of traffic the current picker keeps in the local zone, 0..1} */
  public double localShare() {
    return balancer.localShare();
  }

  /** The endpoint source, for the metrics binder. */
  EndpointSource source() {
    return source;
  }

  /** Internal machinery, for the metrics binder. */
  Balancer balancer() {
    return balancer;
  }

  /** Stops health checks and timers and unsubscribes from the source. Idempotent. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LoadBalancer[" + service() + ", " + source.getClass().getSimpleName() + "]";
  }

  /** Builds a {@link LoadBalancer}; not thread-safe. */
  public static final class Builder {
    private final String service;
    private LbConfig config = LbConfig.defaults();
    private @Nullable EndpointSource source;
    private @Nullable HealthProbe probe;
    private Ticker ticker = Ticker.system();
    private RandomSource random = RandomSource.threadLocal();
    private @Nullable Scheduler scheduler;
    private @Nullable Executor controlExecutor;
    private final List<LbEvent.Listener> listeners = new ArrayList<>();

    private Builder(String service) {
      this.service = requireNonNull(service, "service");
    }

    /**
     * Sets the configuration (default {@link LbConfig#defaults()}).
     *
     * @param value the configuration (default {@link LbConfig#defaults()})
     * @return this builder
     */
    public Builder config(LbConfig value) {
      config = requireNonNull(value, "config");
      return this;
    }

    /**
     * Sets the endpoint source (required unless {@link #endpoints} is used).
     *
     * @param value the endpoint source (required unless {@link #endpoints} is used)
     * @return this builder
     */
    public Builder source(EndpointSource value) {
      source = requireNonNull(value, "source");
      return this;
    }

    /**
     * Uses a fixed set of endpoints.
     *
     * @param value the value
     * @return this builder
     */
    public Builder endpoints(List<Endpoint> value) {
      source = EndpointSource.of(value);
      return this;
    }

    /**
     * Enables active health checks with {@code value}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder healthProbe(HealthProbe value) {
      probe = requireNonNull(value, "healthProbe");
      return this;
    }

    /**
     * Injects the clock (default the system's monotonic clock).
     *
     * @param value the clock (default the system's monotonic clock)
     * @return this builder
     */
    public Builder ticker(Ticker value) {
      ticker = requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Injects randomness (default thread-local).
     *
     * @param value randomness (default thread-local)
     * @return this builder
     */
    public Builder random(RandomSource value) {
      random = requireNonNull(value, "random");
      return this;
    }

    /**
     * Injects the timer (default: one daemon thread owned by the load balancer).
     *
     * @param value the timer (default: one daemon thread owned by the load balancer)
     * @return this builder
     */
    public Builder scheduler(Scheduler value) {
      scheduler = requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Runs every control-plane change (endpoint sets, health transitions, ejections, picker
     * rebuilds, event listeners) on {@code value}, one at a time and in order, never on the thread
     * that submitted it. {@code value} must run tasks eventually and in the order given, or on one
     * thread (a single-thread executor); the load balancer does not shut it down. Default: none,
     * changes run on the submitting thread. {@link #build()} waits (up to 30 s) for the source's
     * first set to be applied; use {@link LoadBalancer#flush()} to wait for later changes.
     *
     * @param value the value
     * @return this builder
     */
    public Builder controlExecutor(Executor value) {
      controlExecutor = requireNonNull(value, "controlExecutor");
      return this;
    }

    /**
     * Adds an event listener.
     *
     * @param value the value
     * @return this builder
     */
    public Builder listener(LbEvent.Listener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Builds and subscribes to the source.
     *
     * @return the load balancer; close it to unsubscribe
     * @throws IllegalStateException if no source was given
     */
    public LoadBalancer build() {
      if (source == null) {
        throw new IllegalStateException(
            "source: (missing) (expected: an EndpointSource or a list of endpoints)");
      }
      return new LoadBalancer(this, source);
    }
  }
}
