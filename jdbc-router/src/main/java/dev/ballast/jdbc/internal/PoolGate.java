package dev.ballast.jdbc.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Counts the connections the router holds from one of its own HikariCP pools, so that a borrower
 * waits for a busy pool here rather than inside HikariCP.
 *
 * <p>Why: the router gives its own pools a short {@code connectionTimeout} ({@link
 * PoolAcquirer#OPEN_WAIT_MILLIS}) so that a pool that cannot open connections is given up on
 * quickly. A borrower that waited inside HikariCP for a busy pool would then time out there every
 * quarter second and count in {@code hikaricp.connections.timeout}, although it was only waiting
 * its turn. Behind this gate, a borrower enters HikariCP only while fewer than {@code
 * maximumPoolSize} of the router's connections are out: the pool then has an idle connection or
 * room to open one, and HikariCP's wait is for a connection to open, never for another caller.
 *
 * <p>Every {@link #enter} or {@link #enterAnyway} is matched by exactly one {@link #leave}, when
 * the connection goes back to the pool or the borrow ends without one. Waiters are served in
 * arrival order. Thread-safe.
 */
final class PoolGate {
  private final IntSupplier capacity;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition freed = lock.newCondition();
  private int inUse;

  /**
   * A gate letting through at most {@code capacity} connections at a time, read at each entry (the
   * pool's {@code maximumPoolSize} can be changed at run time through HikariCP's config MXBean).
   */
  PoolGate(IntSupplier capacity) {
    this.capacity = capacity;
  }

  /**
   * Enters when fewer than the capacity are in use, waiting at most {@code timeoutNanos}. {@return
   * whether it entered}
   */
  boolean enter(long timeoutNanos) throws InterruptedException {
    long remaining = timeoutNanos;
    lock.lockInterruptibly();
    try {
      while (inUse >= capacity.getAsInt()) {
        if (remaining <= 0) {
          return false;
        }
        remaining = freed.awaitNanos(remaining);
      }
      inUse++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Enters even when the capacity is in use: for a borrow's last attempt, which HikariCP then
   * answers with a connection or its own timeout (which counts it).
   */
  void enterAnyway() {
    lock.lock();
    try {
      inUse++;
    } finally {
      lock.unlock();
    }
  }

  /** Gives back one entry and lets the longest waiter in. */
  void leave() {
    lock.lock();
    try {
      if (inUse > 0) {
        inUse--;
      }
      freed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Connections the router holds from the pool now. */
  int inUse() {
    lock.lock();
    try {
      return inUse;
    } finally {
      lock.unlock();
    }
  }
}
