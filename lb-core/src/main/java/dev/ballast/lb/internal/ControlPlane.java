package dev.ballast.lb.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one serialized context in which every control-plane change of a load balancer runs: endpoint
 * updates, health results, ejections, slow-start steps, picker rebuilds and event listeners. Tasks
 * submitted from any thread run one at a time, in submission order, and a task that submits another
 * runs it right after itself rather than re-entrantly (the gRPC {@code SynchronizationContext}
 * model).
 *
 * <p>Where tasks run: without an executor, on whichever submitting thread finds the context idle
 * (no dedicated thread). With an executor (a transport's own serial thread), always there: never on
 * the submitting thread, which may be an I/O event loop that must not sort a 262k-point ring or
 * call user listeners. A task submitted after the executor refused work (it was shut down) runs on
 * the submitting thread instead of being lost.
 */
public final class ControlPlane {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicReference<@Nullable Thread> drainer = new AtomicReference<>();
  private final @Nullable Executor executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** A control plane that runs tasks on the submitting threads. */
  public ControlPlane() {
    this(null);
  }

  /**
   * A control plane that runs tasks on {@code executor} (one drain at a time is handed to it), or
   * on the submitting threads when null.
   */
  public ControlPlane(@Nullable Executor executor) {
    this.executor = executor;
  }

  /** Queues {@code task} and drains the queue here or on the executor. */
  public void execute(Runnable task) {
    queue.add(task);
    Executor e = executor;
    if (e == null) {
      drain();
      return;
    }
    schedule(e);
  }

  /**
   * Completes once every task submitted before this call has run: for callers that must see a
   * change applied (a test, a build that waits for the first endpoint set).
   */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    execute(() -> done.complete(null));
    return done;
  }

  private void schedule(Executor e) {
    if (!scheduled.compareAndSet(false, true)) {
      return; // a drain is queued or running and will see the task
    }
    try {
      e.execute(this::drainScheduled);
    } catch (RejectedExecutionException rejected) {
      // Shut down (the owner is closing): run here rather than drop a close or a release.
      scheduled.set(false);
      drain();
    }
  }

  private void drainScheduled() {
    drain();
    scheduled.set(false);
    // A task queued after the drain's last poll but before the flag was cleared saw a drain
    // scheduled and did not schedule one.
    Executor e = executor;
    if (e != null && !queue.isEmpty()) {
      schedule(e);
    }
  }

  private void drain() {
    do {
      Thread me = Thread.currentThread();
      if (!drainer.compareAndSet(null, me)) {
        return;
      }
      try {
        Runnable task;
        while ((task = queue.poll()) != null) {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            // One failed task must not wedge the control plane for every later change.
            log.error("Ballast control-plane task failed", e);
          }
        }
      } finally {
        drainer.set(null);
      }
      // A task queued between the last poll and the release would otherwise wait for the next
      // submission.
    } while (!queue.isEmpty());
  }

  /**
   * Fails fast when called outside the control plane: state guarded by it is only ever touched from
   * it.
   *
   * @throws IllegalStateException if the current thread is not running a control-plane task
   */
  public void assertInContext() {
    if (drainer.get() != Thread.currentThread()) {
      throw new IllegalStateException(
          "not on the load balancer's control plane (thread "
              + Thread.currentThread().getName()
              + ")");
    }
  }
}
