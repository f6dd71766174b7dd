package dev.ballast.lb.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one serialized context in which every control-plane change of a load balancer runs: endpoint
 * updates, health results, ejections, slow-start steps. Tasks submitted from any thread run one at
 * a time, in submission order, on whichever submitting thread finds the context idle (the gRPC
 * {@code SynchronizationContext} model): no dedicated thread, no lock held while a task runs, and a
 * task that submits another runs it right after itself rather than re-entrantly.
 */
public final class ControlPlane {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicReference<@Nullable Thread> drainer = new AtomicReference<>();

  /** Queues {@code task} and drains the queue if no other thread is draining it. */
  public void execute(Runnable task) {
    queue.add(task);
    drain();
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
