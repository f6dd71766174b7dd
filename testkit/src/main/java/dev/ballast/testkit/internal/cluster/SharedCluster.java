package dev.ballast.testkit.internal.cluster;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One cluster shared by the tests of a class: started on first use, its faults undone after each
 * test, closed after the class, and replaced when a test left it in a state the next test cannot
 * start from (a promotion, or faults that could not be undone). The JUnit extensions of testkit
 * forward their callbacks here, so the PostgreSQL and MariaDB extensions behave the same.
 *
 * <p>Thread-safe: every method holds this object's lock, as JUnit may call callbacks of parallel
 * classes on different threads.
 *
 * @param <C> the cluster type
 */
public final class SharedCluster<C> {

  private final Supplier<C> start;
  private final Predicate<C> isClosed;
  private final Predicate<C> resetFaults;
  private final Consumer<C> close;
  private @Nullable C cluster;
  private int openClassScopes;

  /**
   * Creates the lifecycle; nothing is started yet.
   *
   * @param start starts a fresh cluster
   * @param isClosed whether a cluster was closed
   * @param resetFaults undoes the faults a test injected; answers whether the cluster can serve the
   *     next test (false after a promotion)
   * @param close stops and deletes a cluster
   */
  public SharedCluster(
      Supplier<C> start, Predicate<C> isClosed, Predicate<C> resetFaults, Consumer<C> close) {
    this.start = start;
    this.isClosed = isClosed;
    this.resetFaults = resetFaults;
    this.close = close;
  }

  /** {@return the current cluster, started first if there is none or it was closed} */
  public synchronized C current() {
    C current = cluster;
    if (current == null || isClosed.test(current)) {
      current = start.get();
      cluster = current;
    }
    return current;
  }

  /** {@return a fresh cluster, after closing the current one} */
  public synchronized C rebuild() {
    close();
    return current();
  }

  /** A test class that registered the extension statically begins: start the cluster now. */
  public synchronized void classStarted() {
    openClassScopes++;
    current();
  }

  /** A test class ends: the cluster is closed once no class that shares it is running. */
  public synchronized void classEnded() {
    openClassScopes = Math.max(0, openClassScopes - 1);
    if (openClassScopes == 0) {
      close();
    }
  }

  /**
   * A test ended: undo its faults, or close the cluster when it cannot serve the next test (it is
   * started again lazily, so the class's last test does not pay for a cluster nobody uses).
   */
  public synchronized void testEnded() {
    if (openClassScopes == 0) {
      // registered on an instance field: one cluster per test
      close();
      return;
    }
    C current = cluster;
    if (current == null || isClosed.test(current)) {
      return;
    }
    boolean reusable;
    try {
      reusable = resetFaults.test(current);
    } catch (RuntimeException e) {
      // a cluster in an unknown state would make the next test fail for the wrong reason
      reusable = false;
    }
    if (!reusable) {
      close();
    }
  }

  private void close() {
    C current = cluster;
    cluster = null;
    if (current != null) {
      close.accept(current);
    }
  }
}
