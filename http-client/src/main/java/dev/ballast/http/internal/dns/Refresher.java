package dev.ballast.http.internal.dns;

import dev.ballast.lb.DiscoveryListener;
import dev.ballast.lb.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves, delivers, and schedules the next resolution, one at a time: a set is pushed whole to
 * the listener and the next resolution is due after its TTL clamped to [min-ttl, max-ttl]; a
 * failure is reported as an error (the SPI keeps the last known set) and retried after min-ttl,
 * doubling per failure in a row up to max-ttl. Resolutions never overlap, so the listener is never
 * called concurrently and a slow answer cannot overtake a newer one.
 *
 * <p>Thread-safe: {@link #close()} may come from any thread; after it nothing is delivered and
 * nothing is scheduled.
 */
final class Refresher {
  private static final Logger log = LoggerFactory.getLogger(Refresher.class);

  private final DnsSettings settings;
  private final Supplier<CompletableFuture<Resolved>> resolution;
  private final DiscoveryListener listener;
  private final Scheduler timer;
  private int failures;
  private boolean closed;
  private Scheduler.@Nullable Cancellable next;

  Refresher(
      DnsSettings settings,
      Supplier<CompletableFuture<Resolved>> resolution,
      DiscoveryListener listener,
      Scheduler timer) {
    this.settings = settings;
    this.resolution = resolution;
    this.listener = listener;
    this.timer = timer;
  }

  /** Starts the first resolution now. */
  void start() {
    resolveNow();
  }

  private void resolveNow() {
    synchronized (this) {
      if (closed) {
        return;
      }
      next = null;
    }
    CompletableFuture<Resolved> f;
    try {
      f = resolution.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete(this::onResult);
  }

  private synchronized void onResult(@Nullable Resolved resolved, @Nullable Throwable failure) {
    if (closed) {
      return;
    }
    long delay;
    if (resolved != null) {
      failures = 0;
      deliver(() -> listener.onEndpoints(resolved.endpoints()));
      delay = settings.refreshNanos(resolved.ttlSeconds());
    } else {
      failures++;
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      String problem =
          cause instanceof DnsProblem
              ? String.valueOf(cause.getMessage())
              : "resolving " + settings.name() + " failed: " + cause;
      deliver(() -> listener.onError(problem, cause instanceof DnsProblem ? null : cause));
      delay = settings.retryNanos(failures);
    }
    next = timer.schedule(this::resolveNow, delay);
  }

  // A listener that throws must not stop the schedule: the next answer may be one it takes.
  private static void deliver(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("DNS discovery: the listener refused an update", e);
    }
  }

  /**
   * Stops for good.
   *
   * @return whether this call closed it (false when already closed)
   */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    Scheduler.Cancellable n = next;
    if (n != null) {
      n.cancel();
    }
    return true;
  }
}
