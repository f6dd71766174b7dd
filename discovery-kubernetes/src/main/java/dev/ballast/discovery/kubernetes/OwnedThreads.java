package dev.ballast.discovery.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the daemon threads of one watched service, named {@code <prefix>N}, and remembers them, so
 * that closing can wait until each has really ended: an executor reports itself terminated while
 * its last worker is still on its way out.
 */
final class OwnedThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  OwnedThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + count.incrementAndGet());
    t.setDaemon(true);
    threads.removeIf(old -> !old.isAlive());
    threads.add(t);
    return t;
  }

  /** Waits up to {@code timeout} in all for every thread made here to end. */
  void join(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (t != Thread.currentThread()) {
        TimeUnit.NANOSECONDS.timedJoin(t, left);
      }
    }
  }
}
