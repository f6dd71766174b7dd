package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Scheduler;
import dev.ballast.lb.Strategy;
import dev.ballast.lb.Ticker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BalancerLifecycleTest {
  private static final List<Endpoint> TWO =
      List.of(
          Endpoint.builder("127.0.0.1", 9001).id("a").build(),
          Endpoint.builder("127.0.0.1", 9002).id("b").build());

  /** A scheduler that runs nothing and counts its shutdowns. */
  private static final class CountingScheduler implements Scheduler {
    final AtomicInteger shutdowns = new AtomicInteger();

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      return () -> {};
    }

    @Override
    public void shutdown() {
      shutdowns.incrementAndGet();
    }
  }

  /** A service name no other test uses, so that its timer threads are this class's alone. */
  private static final String OWNED = "lifecycle-owned";

  private static BalancerLifecycle start(EndpointSource source, @Nullable Scheduler scheduler) {
    return new BalancerLifecycle(
        scheduler == null ? OWNED : "orders",
        LbConfig.defaults(),
        source,
        e -> CompletableFuture.completedFuture(true),
        Ticker.system(),
        RandomSource.seeded(1),
        scheduler,
        null,
        List.of());
  }

  @Test
  void appliesTheSourcesSetAndUnsubscribesOnClose() {
    AtomicBoolean unsubscribed = new AtomicBoolean();
    EndpointSource source =
        listener -> {
          listener.onEndpoints(new EndpointSet(1, TWO));
          return () -> unsubscribed.set(true);
        };
    CountingScheduler injected = new CountingScheduler();

    BalancerLifecycle lifecycle = start(source, injected);
    assertThat(lifecycle.balancer().status()).hasSize(2);

    lifecycle.close();
    assertThat(unsubscribed).isTrue();
    assertThat(injected.shutdowns).as("an injected scheduler is the caller's").hasValue(0);
  }

  @Test
  void anInjectedSchedulerOutlivesAFailedSubscription() {
    IllegalStateException refused = new IllegalStateException("source closed");
    EndpointSource source =
        listener -> {
          throw refused;
        };
    CountingScheduler injected = new CountingScheduler();

    assertThatThrownBy(() -> start(source, injected)).isSameAs(refused);
    assertThat(injected.shutdowns).hasValue(0);
  }

  @Test
  void anOwnedTimerThreadStopsWhenSubscribingFails() throws Exception {
    // The set delivered before the failure starts health checks, and so the timer thread.
    EndpointSource failingAfterASet =
        listener -> {
          listener.onEndpoints(new EndpointSet(1, TWO));
          assertThat(timerThreads()).as("health checks started the owned timer").isPositive();
          throw new IllegalStateException("source closed");
        };

    assertThatThrownBy(() -> start(failingAfterASet, null)).hasMessage("source closed");
    assertThat(awaitTimerThreadsEnd()).as("owned timer threads after a failed start").isZero();
  }

  @Test
  void anOwnedTimerThreadStopsOnClose() throws Exception {
    BalancerLifecycle lifecycle = start(EndpointSource.of(TWO), null);
    assertThat(timerThreads()).as("health checks started the owned timer").isPositive();

    lifecycle.close();
    assertThat(awaitTimerThreadsEnd()).as("owned timer threads after close").isZero();
  }

  @Test
  void withAControlExecutorTheFirstSetIsAppliedBeforeTheConstructorReturns() {
    ExecutorService control = Executors.newSingleThreadExecutor();
    try (BalancerLifecycle lifecycle =
        new BalancerLifecycle(
            "orders",
            LbConfig.builder().strategy(Strategy.PEAK_EWMA).build(),
            EndpointSource.of(TWO),
            null,
            Ticker.system(),
            RandomSource.seeded(1),
            new CountingScheduler(),
            control,
            List.of())) {
      assertThat(lifecycle.balancer().status()).hasSize(2);
    } finally {
      control.shutdownNow();
    }
  }

  private static long timerThreads() {
    return ownedTimerThreads().size();
  }

  /** The owned timer threads still alive after giving each up to 10 s to finish. */
  private static long awaitTimerThreadsEnd() throws InterruptedException {
    long alive = 0;
    for (Thread t : ownedTimerThreads()) {
      t.join(10_000);
      alive += t.isAlive() ? 1 : 0;
    }
    return alive;
  }

  private static List<Thread> ownedTimerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("ballast-lb-" + OWNED + "-"))
        .toList();
  }
}
