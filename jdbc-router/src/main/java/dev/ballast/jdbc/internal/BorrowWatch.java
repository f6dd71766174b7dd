package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Watches one HikariCP borrow from the {@link PoolAcquirer}'s thread and, when the borrow should
 * end early, interrupts the borrowing thread (HikariCP then throws at once, without counting a
 * timeout).
 *
 * <p>The states are WAITING → DONE (the borrow ended first) or WAITING → STOPPED(verdict) → DONE
 * (the watch interrupted it). Both sides change state under this object's lock, and the interrupt
 * is sent under it too: the borrower, in {@link #finish()}, therefore either sees WAITING and no
 * interrupt can follow, or sees STOPPED and clears an interrupt that has certainly arrived.
 */
final class BorrowWatch implements Runnable {
  /** Why the watch stopped the borrow. */
  enum Verdict {
    /** Not stopped: the borrow ended by itself. */
    NONE,
    /** The host is no longer wanted (ineligible replica, another primary). */
    NOT_WANTED,
    /** A replica's pool that is not full gave no connection within its short wait. */
    CANNOT_CONNECT
  }

  private final Thread borrower;
  private final HikariDataSource hikari;
  private final HikariPoolMXBean mx;
  private final BooleanSupplier stillWanted;
  private final Runnable onSlow;
  private final boolean replica;
  private final ScheduledExecutorService timer;
  private boolean waiting = true;
  private Verdict verdict = Verdict.NONE;
  private int openAtVerdict;
  private @Nullable ScheduledFuture<?> next;

  BorrowWatch(
      Thread borrower,
      HikariDataSource hikari,
      HikariPoolMXBean mx,
      BooleanSupplier stillWanted,
      Runnable onSlow,
      boolean replica,
      ScheduledExecutorService timer) {
    this.borrower = borrower;
    this.hikari = hikari;
    this.mx = mx;
    this.stillWanted = stillWanted;
    this.onSlow = onSlow;
    this.replica = replica;
    this.timer = timer;
  }

  /** Schedules the first check {@code delayMillis} from now. */
  synchronized void arm(long delayMillis) {
    next = timer.schedule(this, delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Ends the watch from the borrowing thread, after the borrow returned or threw; clears the
   * interrupt the watch sent, if any.
   */
  synchronized Verdict finish() {
    waiting = false;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
    if (verdict != Verdict.NONE) {
      // The watch interrupted this thread under the same lock: the flag is set now, and it was
      // ours; an interrupt from the application is not cleared because then verdict is NONE.
      Thread.interrupted();
    }
    return verdict;
  }

  /** Open connections of the pool when the watch gave up on a replica. */
  synchronized int openAtVerdict() {
    return openAtVerdict;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (!waiting) {
        return;
      }
    }
    int open = mx.getTotalConnections();
    if (replica && open < hikari.getMaximumPoolSize()) {
      stop(Verdict.CANNOT_CONNECT, open);
      return;
    }
    // outside the lock: the re-check request and the wanted test touch the monitor, not us
    onSlow.run();
    if (!stillWanted.getAsBoolean()) {
      stop(Verdict.NOT_WANTED, open);
      return;
    }
    synchronized (this) {
      if (waiting) {
        try {
          next = timer.schedule(this, PoolAcquirer.SLICE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
          // the router is closing: the borrow ends with the pool's own timeout or close
        }
      }
    }
  }

  private synchronized void stop(Verdict why, int open) {
    if (!waiting) {
      return;
    }
    waiting = false;
    verdict = why;
    openAtVerdict = open;
    borrower.interrupt();
  }
}
