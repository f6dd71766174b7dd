package dev.ballast.lb.internal;

import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.HealthProbe;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LbEvent;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Scheduler;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.Ticker;
import dev.ballast.lb.internal.strategy.Strategies;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Balancer} together with what keeps it running: its subscription to the endpoint source
 * and, when the caller injected none, a timer thread of its own. Starting and stopping them in the
 * right order is this class's one job; {@link dev.ballast.lb.LoadBalancer} only exposes the result.
 *
 * <p>Nothing leaks on a failed start: when subscribing throws, the balancer is closed and an owned
 * timer shut down before the exception propagates. An injected scheduler is never shut down.
 */
public final class BalancerLifecycle implements AutoCloseable {
  private static final long INITIAL_SET_WAIT_SECONDS = 30;

  private final Balancer balancer;
  private final AutoCloseable subscription;
  private final Scheduler scheduler;
  private final boolean ownsScheduler;

  /**
   * Builds the balancer, registers {@code listeners} and subscribes it to {@code source}. With a
   * {@code controlExecutor}, waits (up to 30 s) until the set a source delivers on subscribe has
   * been applied, as happens synchronously without one, so that the first pick sees it.
   *
   * @param scheduler the injected timer, or null for one daemon thread owned by this lifecycle
   * @throws RuntimeException whatever {@code source.subscribe} throws, after cleaning up
   */
  public BalancerLifecycle(
      String service,
      LbConfig config,
      EndpointSource source,
      @Nullable HealthProbe probe,
      Ticker ticker,
      RandomSource random,
      @Nullable Scheduler scheduler,
      @Nullable Executor controlExecutor,
      List<LbEvent.Listener> listeners) {
    this.ownsScheduler = scheduler == null;
    this.scheduler =
        scheduler != null ? scheduler : Scheduler.daemonThread("ballast-lb-" + service);
    this.balancer =
        new Balancer(
            service,
            config,
            strategyFor(config),
            ticker,
            random,
            this.scheduler,
            probe,
            controlExecutor);
    for (LbEvent.Listener l : listeners) {
      balancer.addListener(l);
    }
    AutoCloseable sub;
    try {
      sub = source.subscribe(balancer::onEndpoints);
    } catch (RuntimeException e) {
      balancer.close();
      shutDownOwnedScheduler();
      throw e;
    }
    this.subscription = sub;
    if (controlExecutor != null) {
      awaitInitialSet();
    }
  }

  /** The strategy named in {@code config}, with peak-EWMA's penalty taken from it. */
  static StrategyFactory strategyFor(LbConfig config) {
    return config.strategy() == Strategy.PEAK_EWMA
        ? Strategies.peakEwma(config.peakEwmaPenalty().toNanos())
        : Strategies.forName(config.strategy());
  }

  private void awaitInitialSet() {
    try {
      balancer.flush().get(INITIAL_SET_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A wedged executor: the set is applied when it runs; picks until then find no endpoint.
    }
  }

  /** The balancer this lifecycle runs. */
  public Balancer balancer() {
    return balancer;
  }

  /** Unsubscribes, closes the balancer, then shuts down an owned timer. Idempotent. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      // Unsubscribing from a source that failed is not worth failing close() over.
    }
    balancer.close();
    shutDownOwnedScheduler();
  }

  private void shutDownOwnedScheduler() {
    if (ownsScheduler) {
      scheduler.shutdown();
    }
  }
}
