package dev.ballast.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.DiscoveryListener;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List, then watch from the list's resource version, for the EndpointSlices labelled {@code
 * kubernetes.io/service-name=<service>}; every change delivers the complete merged set.
 *
 * <ul>
 *   <li>A watch that the API server expires (HTTP 410 Gone, the resource version compacted away) is
 *       followed by a fresh list and a new watch at once: the list is the truth, so no event lost
 *       in between matters. This is not an error.
 *   <li>Any other end of the watch (connection lost, API server restarted, the server's watch
 *       timeout) also leads to a fresh list. A list that fails is reported to the listener as an
 *       error (the last good set stays in use) and retried after a doubling delay, which starts
 *       over once a watch has lasted longer than the cap.
 * </ul>
 *
 * <p>Threading: one thread of its own ({@code ballast-k8s-<service>}) runs every list, every watch
 * event and every delivery, so sets reach the listener one at a time and in order. Events of a
 * watch that has been replaced are dropped by generation.
 */
final class SliceWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SliceWatch.class);

  /** The label the EndpointSlice controller puts on every slice of a Service. */
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private final KubernetesTarget target;
  private final KubernetesClient client;
  private final DiscoveryListener listener;
  private final Backoff backoff;
  private final OwnedThreads threads;
  private final ScheduledExecutorService loop;

  // Confined to the loop thread.
  private final Map<String, EndpointSlice> slices = new HashMap<>();
  private @Nullable Watch watch;
  private int generation;
  private int goneInARow;
  private long watchOpenedNanos;
  private volatile boolean closed;
  private final CountDownLatch firstAnswer = new CountDownLatch(1);

  SliceWatch(
      KubernetesTarget target,
      KubernetesClient client,
      DiscoveryListener listener,
      Backoff backoff) {
    this.target = requireNonNull(target, "target");
    this.client = requireNonNull(client, "client");
    this.listener = requireNonNull(listener, "listener");
    this.backoff = requireNonNull(backoff, "backoff");
    this.threads = new OwnedThreads("ballast-k8s-" + target.service() + "-watch-");
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
    executor.setRemoveOnCancelPolicy(true);
    // A retry waiting out its backoff must not hold up close().
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.loop = executor;
  }

  /** Lists and starts watching on the loop thread; returns at once. */
  void start() {
    loop.execute(this::resync);
  }

  /**
   * Waits up to {@code timeout} for the first list to succeed or fail, so that a client built now
   * can call at once; returns early when it does.
   */
  void awaitFirstAnswer(Duration timeout) throws InterruptedException {
    firstAnswer.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private FilterWatchListDeletable<EndpointSlice, EndpointSliceList, Resource<EndpointSlice>>
      slicesOfService() {
    return client
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(target.namespace())
        .withLabel(SERVICE_NAME_LABEL, target.service());
  }

  private void resync() {
    if (closed) {
      return;
    }
    stopWatch();
    // Events the stopped watch still has queued on this thread are dropped from here on.
    int gen = ++generation;
    EndpointSliceList list;
    try {
      list = slicesOfService().list();
    } catch (RuntimeException e) {
      retryLater("listing the EndpointSlices of " + target.where() + " failed: " + describe(e), e);
      firstAnswer.countDown();
      return;
    }
    slices.clear();
    for (EndpointSlice s : list.getItems()) {
      slices.put(s.getMetadata().getName(), s);
    }
    publish();
    firstAnswer.countDown();
    String version = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    try {
      watch =
          slicesOfService()
              .watch(
                  new ListOptionsBuilder()
                      .withResourceVersion(version)
                      .withAllowWatchBookmarks(true)
                      .build(),
                  new Events(gen));
      watchOpenedNanos = System.nanoTime();
    } catch (RuntimeException e) {
      retryLater("watching the EndpointSlices of " + target.where() + " failed: " + describe(e), e);
    }
  }

  private void publish() {
    SliceMerge.Result result =
        SliceMerge.merge(slices.values(), target.portName(), target, target.portNameKey());
    if (result instanceof SliceMerge.Endpoints e) {
      listener.onEndpoints(e.endpoints());
    } else if (result instanceof SliceMerge.Problem p) {
      listener.onError(p.message(), null);
    }
  }

  private void retryLater(String problem, Exception cause) {
    if (closed) {
      return;
    }
    listener.onError(problem, cause);
    schedule(backoff.next());
  }

  private void schedule(Duration delay) {
    try {
      loop.schedule(this::resync, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: nothing more to watch.
    }
  }

  private void onEvent(int gen, Watcher.Action action, EndpointSlice slice) {
    if (closed || gen != generation) {
      return;
    }
    String name = slice.getMetadata().getName();
    switch (action) {
      case ADDED, MODIFIED -> slices.put(name, slice);
      case DELETED -> slices.remove(name);
      default -> {
        return;
      }
    }
    goneInARow = 0;
    publish();
  }

  private void onWatchClosed(int gen, WatcherException e) {
    if (closed || gen != generation) {
      return;
    }
    watch = null;
    if (e.isHttpGone()) {
      // The resource version was compacted: relist at once, unless relisting keeps meeting 410.
      goneInARow++;
      log.debug("Service {}: watch expired (410 Gone), listing again", target.where());
      schedule(goneInARow == 1 ? Duration.ZERO : backoff.next());
      return;
    }
    long lived = System.nanoTime() - watchOpenedNanos;
    if (lived >= target.maxReconnectDelay().toNanos()) {
      backoff.reset();
      schedule(Duration.ZERO);
    } else {
      schedule(backoff.next());
    }
    log.debug("Service {}: watch ended ({}), listing again", target.where(), describe(e));
  }

  private void stopWatch() {
    Watch w = watch;
    watch = null;
    if (w != null) {
      w.close();
    }
  }

  /** Stops watching and the loop thread; waits briefly for a list in progress to end. */
  @Override
  public void close() {
    closed = true;
    try {
      loop.execute(this::stopWatch);
    } catch (RejectedExecutionException e) {
      return;
    }
    loop.shutdown();
    try {
      if (!loop.awaitTermination(15, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
      threads.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    if (t instanceof WatcherException w) {
      KubernetesClientException k = w.asClientException();
      return k.getCode() > 0
          ? "HTTP " + k.getCode() + ": " + k.getMessage()
          : String.valueOf(w.getMessage());
    }
    if (t instanceof KubernetesClientException k && k.getCode() > 0) {
      String reason = k.getStatus() == null ? null : k.getStatus().getReason();
      return "HTTP " + k.getCode() + (reason == null ? "" : " " + reason);
    }
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private final class Events implements Watcher<EndpointSlice> {
    private final int gen;

    Events(int gen) {
      this.gen = gen;
    }

    @Override
    public void eventReceived(Action action, EndpointSlice slice) {
      run(() -> onEvent(gen, action, slice));
    }

    @Override
    public void onClose(WatcherException cause) {
      run(() -> onWatchClosed(gen, cause));
    }

    @Override
    public void onClose() {
      // Closed by this loop (a new list, or shutdown): nothing to do.
    }

    private void run(Runnable r) {
      try {
        loop.execute(r);
      } catch (RejectedExecutionException e) {
        // Closed: events after close are dropped.
      }
    }
  }
}
